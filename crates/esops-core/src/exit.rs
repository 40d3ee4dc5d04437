//! Exit codes, and the one place that turns an outcome into one.

use std::process::ExitCode;

/// How an esops run ended, as seen by a shell, CI job or cron.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// `0`: success, no changes, or no findings at the `--fail-on` threshold.
    Success,
    /// `1`: any error — usage, configuration, connection, or a request the cluster refused.
    Failure,
    /// `2`: changes present (`plan --detailed-exitcode`) or findings at/above `--fail-on` (`audit`).
    Attention,
}

impl ExitStatus {
    /// Every exit status, in code order (the man page's EXIT STATUS section lists them).
    pub const ALL: [ExitStatus; 3] = [ExitStatus::Success, ExitStatus::Failure, ExitStatus::Attention];

    /// What the code means to a script, in one sentence (the man page and README tables).
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => {
                "success; no changes; no findings at the --fail-on threshold; also when the reader of a pipe went away (esops … | head)"
            }
            ExitStatus::Failure => "any error: usage, configuration, connection, or a request the cluster refused",
            ExitStatus::Attention => {
                "changes present (plan --detailed-exitcode), findings at/above --fail-on (audit), or an index in ILM's ERROR step (ilm explain --fail-on-error)"
            }
        }
    }

    /// The numeric code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Attention => 2,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        ExitCode::from(s.code())
    }
}

/// True when `err` (or anything in its chain) is a broken pipe: the reader went away
/// (`esops … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_documented_table() {
        assert_eq!(ExitStatus::Success.code(), 0);
        assert_eq!(ExitStatus::Failure.code(), 1);
        assert_eq!(ExitStatus::Attention.code(), 2);
        let codes: Vec<u8> = ExitStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [0, 1, 2], "ALL lists every status once, in code order");
    }

    #[test]
    fn broken_pipe_is_found_through_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        let err = anyhow::Error::new(io).context("writing the table");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}

/// An error as the operator sees it: what happened, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    /// What happened, to what (with the context chain: `loading policies/x.yaml: …`).
    pub message: String,
    /// What to check or do, when esops can tell.
    pub hint: Option<String>,
}

impl From<&anyhow::Error> for ErrorReport {
    fn from(err: &anyhow::Error) -> Self {
        let hint = err
            .chain()
            .find_map(|cause| cause.downcast_ref::<crate::es::RequestError>().and_then(crate::es::RequestError::hint));
        ErrorReport { message: format!("{err:#}"), hint }
    }
}
