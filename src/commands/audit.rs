//! `esops audit`: disk use per index family, growth, flood stage forecast, ILM health, retention
//! and shard findings.

use anyhow::Context;

use crate::cli::{AuditArgs, AuditBy, AuditFormat, FailOn};
use esops_core::audit::render::{self, Breakdown};
use esops_core::audit::report::Severity;
use esops_core::audit::{self, AuditOptions};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;

const DAY_SECS: u64 = 86_400;

/// Runs `esops audit`.
pub async fn run(client: &Client, args: &AuditArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let options = AuditOptions {
        pattern: args.pattern.clone(),
        family: args.family.clone(),
        horizon_days: u32::try_from(args.horizon.as_secs().div_ceil(DAY_SECS)).unwrap_or(u32::MAX),
    };
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let snapshot = audit::collect(client).await.with_context(|| format!("reading {} for the audit", client.url()))?;
    let report = audit::analyze(&snapshot, now, &options);
    let breakdown = match args.by {
        AuditBy::Family => Breakdown::Family,
        AuditBy::Day => Breakdown::Day,
        AuditBy::Phase => Breakdown::Phase,
        AuditBy::Node => Breakdown::Node,
        AuditBy::Repository => Breakdown::Repository,
    };
    let text = match args.output {
        AuditFormat::Table => render::to_table(&report, breakdown, printer),
        AuditFormat::Json => render::to_json(&report)?,
        AuditFormat::Csv => render::to_csv(&report, breakdown),
        AuditFormat::Prometheus => render::to_prometheus(&report),
        AuditFormat::Markdown => render::to_markdown(&report, breakdown),
    };
    printer.data(&text)?;
    let threshold = args.fail_on.map(|f| match f {
        FailOn::Warn => Severity::Warn,
        FailOn::Error => Severity::Error,
    });
    Ok(match (threshold, report.worst_severity()) {
        (Some(threshold), Some(worst)) if worst >= threshold => ExitStatus::Attention,
        _ => ExitStatus::Success,
    })
}
