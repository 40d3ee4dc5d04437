//! The one question every command that changes a cluster asks before it does: on a terminal the
//! person types the expected answer, elsewhere `--yes` stands for it. When the command runs as one
//! cluster of a fleet action (see `fleet`), its question goes to the fleet instead, which asks once
//! for every cluster and then lets each go ahead in turn.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use esops_core::printer::Printer;
use tokio::sync::{OwnedSemaphorePermit, mpsc, oneshot};

use super::TargetCluster;

/// What a person is asked before a change goes ahead, and what lets it.
#[derive(Debug, Clone)]
pub struct Confirmation {
    /// The change in the imperative, without the cluster (`Delete 3 indices (1.2 GB)`): the
    /// fleet's question lists one per cluster.
    pub what: String,
    /// The question asked on one cluster, ending where the answer is typed.
    pub question: String,
    /// The answers that let the change go ahead (compared trimmed, case-insensitively).
    pub answers: Vec<String>,
    /// What a refusal says first (`not applying`, `not deleting 3 indices`).
    pub not_doing: String,
    /// What `--yes` lets happen without asking (`apply`, `delete`): "pass --yes to VERB without asking".
    pub verb: String,
    /// The data the change deletes, if any: it asks for more than a reflex `yes`.
    pub deletes: Option<DataDeleted>,
}

/// Data a change deletes, counted for the question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataDeleted {
    /// Indices whose data goes.
    pub indices: usize,
    /// Their size on disk (primaries and replicas).
    pub bytes: u64,
}

impl Confirmation {
    /// `what` on `cluster`, answered `y` or `yes`.
    pub fn yes_no(what: &str, not_doing: &str, verb: &str, cluster: &TargetCluster) -> Self {
        Confirmation {
            what: what.to_string(),
            question: format!("{what} on {}? [y/N] ", cluster.describe()),
            answers: vec!["y".into(), "yes".into()],
            not_doing: not_doing.to_string(),
            verb: verb.to_string(),
            deletes: None,
        }
    }
}

/// Goes ahead (`Ok`) when the change may be made: `--yes`, or the expected answer typed at a
/// terminal; an error that says nothing was changed otherwise. Inside a fleet action the fleet
/// answers, once for all its clusters.
pub async fn confirm(
    yes: bool,
    confirmation: &Confirmation,
    cluster: &TargetCluster,
    printer: &Printer,
) -> anyhow::Result<()> {
    if let Ok(seat) = SEAT.try_with(Seat::clone) {
        return seat.ask(yes, confirmation, cluster).await;
    }
    ask_here(yes, confirmation, printer)
}

/// True inside a fleet action (one cluster of several).
pub fn in_fleet() -> bool {
    SEAT.try_with(|_| ()).is_ok()
}

/// The question on this terminal. Without a terminal and without `--yes` it refuses: a prompt
/// nobody can answer would hang a cron job or a CI run.
pub(crate) fn ask_here(yes: bool, confirmation: &Confirmation, printer: &Printer) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    let Confirmation { question, answers, not_doing, verb, .. } = confirmation;
    if !(std::io::stdin().is_terminal() && printer.stdout_is_terminal()) {
        anyhow::bail!(
            "{not_doing}: no terminal to confirm on; pass --yes to {verb} without asking (nothing was changed)"
        );
    }
    let answer = printer.prompt(&format!("{} ", question.trim_end()))?;
    let answer = answer.trim();
    if answers.iter().any(|a| a.eq_ignore_ascii_case(answer)) {
        Ok(())
    } else {
        Err(Declined { answer: answer.to_string(), not_doing: not_doing.clone() }.into())
    }
}

/// The person at the terminal answered something else than what lets the change go ahead.
#[derive(Debug, thiserror::Error)]
#[error("not confirmed ({answer:?}): {not_doing}; nothing was changed")]
pub struct Declined {
    answer: String,
    not_doing: String,
}

tokio::task_local! {
    /// Set while a command runs as one cluster of a fleet action.
    static SEAT: Seat;
}

/// One cluster's place in a fleet action: where its question goes.
#[derive(Clone)]
pub(crate) struct Seat {
    /// The cluster's position in the fleet.
    index: usize,
    asks: mpsc::UnboundedSender<Ask>,
    /// The planning slot (`--parallel`), given back while the cluster waits for its turn.
    permit: Arc<Mutex<Option<OwnedSemaphorePermit>>>,
}

/// A cluster waiting at its question, and how the fleet answers it.
pub(crate) struct Ask {
    pub index: usize,
    pub yes: bool,
    pub confirmation: Confirmation,
    /// The cluster, as the command read it.
    pub cluster: TargetCluster,
    /// `Ok` lets it go ahead; `Err` says why it must not (it then changes nothing).
    pub answer: oneshot::Sender<Result<(), String>>,
}

impl Seat {
    /// The seat of cluster `index`, holding its planning slot.
    pub(crate) fn new(index: usize, asks: mpsc::UnboundedSender<Ask>, permit: Option<OwnedSemaphorePermit>) -> Self {
        Seat { index, asks, permit: Arc::new(Mutex::new(permit)) }
    }

    /// Runs `command` in this seat: its confirmation goes to the fleet.
    pub(crate) async fn scope<F: std::future::Future>(self, command: F) -> F::Output {
        SEAT.scope(self, command).await
    }

    async fn ask(&self, yes: bool, confirmation: &Confirmation, cluster: &TargetCluster) -> anyhow::Result<()> {
        self.permit.lock().unwrap_or_else(|p| p.into_inner()).take();
        let (answer, answered) = oneshot::channel();
        let ask = Ask { index: self.index, yes, confirmation: confirmation.clone(), cluster: cluster.clone(), answer };
        if self.asks.send(ask).is_err() {
            anyhow::bail!("{}: the fleet run ended first; nothing was changed", confirmation.not_doing);
        }
        match answered.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(why)) => anyhow::bail!("{}: {why}; nothing was changed", confirmation.not_doing),
            Err(_) => anyhow::bail!("{}: the fleet run ended first; nothing was changed", confirmation.not_doing),
        }
    }
}
