//! `esops indices close|open|forcemerge|set-replicas|shrink`: retention's selection, another action.

use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::index_action::IndexAction;
use esops_core::printer::Printer;

use crate::cli::{IndicesAction, IndicesArgs};

/// Runs `esops indices ACTION`.
pub async fn run(client: &Client, args: &IndicesArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let (action, common) = match &args.action {
        IndicesAction::Close(a) => (IndexAction::Close, a),
        IndicesAction::Open(a) => (IndexAction::Open, a),
        IndicesAction::Forcemerge(a) => (IndexAction::Forcemerge { max_segments: a.max_segments }, &a.common),
        IndicesAction::SetReplicas(a) => (IndexAction::SetReplicas { replicas: a.replicas }, &a.common),
        IndicesAction::Shrink(a) => (IndexAction::Shrink { shards: a.shards }, &a.common),
    };
    super::retention::run_action(client, &common.selection, &common.run, action, printer).await
}
