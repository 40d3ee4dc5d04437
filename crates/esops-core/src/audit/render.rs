//! The audit report as text: a table for people, JSON, CSV, Prometheus text exposition (for
//! node_exporter's textfile collector) and markdown (for CI comments).

use std::fmt::Write as _;

use chrono::NaiveDate;
use comfy_table::CellAlignment;

use super::report::{AuditReport, DaySize, FamilyReport, Finding, Severity};
use crate::lifecycle::ilm::phase_rank;
use crate::printer::{Printer, styles};
use crate::render::{csv_rows, human_bytes, md_cell, table, table_text, terminal_width, wrap};

/// The breakdown the main table (and CSV) shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breakdown {
    /// One row per index family.
    #[default]
    Family,
    /// One row per day of data.
    Day,
    /// One row per ILM phase.
    Phase,
    /// One row per node.
    Node,
    /// One row per snapshot repository.
    Repository,
}

/// Days the family trend chart covers (complete days, today excluded: it is still being written).
const TREND_DAYS: usize = 14;
const TEXT_WIDTH: usize = 80;

/// `values` as a sparkline of block characters, scaled to the largest; `·` for nothing at all.
pub fn sparkline(values: &[u64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| match v {
            0 => '·',
            _ => BLOCKS[((v as f64 / max as f64) * 7.0).round() as usize],
        })
        .collect()
}

/// A horizontal bar of `width` cells at most, in eighths, for `value` out of `max`.
fn bar(value: u64, max: u64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if max == 0 {
        return String::new();
    }
    let eighths = (value as f64 / max as f64 * (width * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8]);
    }
    out
}

fn trend(family: &FamilyReport) -> Vec<u64> {
    let complete = &family.daily[..family.daily.len().saturating_sub(1)];
    complete.iter().rev().take(TREND_DAYS).rev().map(|d| d.bytes).collect()
}

fn percent(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

fn opt_bytes(v: Option<u64>) -> String {
    v.map(human_bytes).unwrap_or_else(|| "-".into())
}

fn forecast_sentence(report: &AuditReport) -> String {
    let f = &report.disk.forecast;
    let when = match (f.days_until_flood_stage, f.flood_stage_date) {
        (Some(0), _) => "reached now".to_string(),
        (Some(d), Some(date)) => format!("in {d} day{} ({date})", if d == 1 { "" } else { "s" }),
        _ if report.disk.nodes.is_empty() => "unknown (no disk figures from _cat/allocation)".to_string(),
        _ => format!("not within {} days", super::forecast::MAX_FORECAST_DAYS),
    };
    let sign = if f.net_daily_growth_bytes < 0 { "-" } else { "+" };
    format!(
        "flood stage ({}) {when} at {sign}{}/day net, {:?} confidence",
        report.disk.watermarks.flood_stage,
        human_bytes(f.net_daily_growth_bytes.unsigned_abs()),
        f.confidence
    )
    .replace("Low confidence", "low confidence")
    .replace("Medium confidence", "medium confidence")
    .replace("High confidence", "high confidence")
}

/// Two lines: which cluster and when, then what it holds.
/// `shards: 426 of 1000 open (43%: …)`, when the limit is known.
fn shard_sentence(report: &AuditReport) -> Option<String> {
    let s = report.shards?;
    Some(format!(
        "shards: {} of {} open ({:.0}%; cluster.max_shards_per_node {} × {} data node{})",
        s.open,
        s.limit,
        s.used() * 100.0,
        s.max_shards_per_node,
        s.data_nodes,
        if s.data_nodes == 1 { "" } else { "s" }
    ))
}

fn headline(report: &AuditReport) -> String {
    let t = &report.totals;
    format!(
        "cluster {} at {}\n{} in {}, {} ({} primary)",
        report.cluster,
        report.generated_at.format("%Y-%m-%d %H:%M UTC"),
        plural(t.indices, "index", "indices"),
        plural(t.families, "family", "families"),
        human_bytes(t.store_bytes),
        human_bytes(t.primary_store_bytes)
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn right_align(t: &mut comfy_table::Table, columns: &[usize]) {
    for &i in columns {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn node_table(report: &AuditReport, terminal: bool) -> String {
    let w = &report.disk.watermarks;
    let mut t = table(&["NODE", "SHARDS", "USED", "TOTAL", "USED%", "ABOVE"], terminal);
    for n in &report.disk.nodes {
        t.add_row(vec![
            n.node.clone(),
            n.shards.to_string(),
            human_bytes(n.used_bytes),
            human_bytes(n.total_bytes),
            format!("{:.1}%", n.percent),
            n.level.map(|l| l.as_str().to_string()).unwrap_or_else(|| "-".into()),
        ]);
    }
    right_align(&mut t, &[1, 2, 3, 4]);
    let mut out = table_text(&mut t);
    let _ = writeln!(
        out,
        "watermarks low/high/flood: {}/{}/{}{}",
        w.low,
        w.high,
        w.flood_stage,
        if w.enabled { "" } else { " (disabled)" }
    );
    out
}

/// Shortens `name` to `max` characters with a `…` in the middle: the end of a family name tells
/// families apart as often as its start.
fn shorten(name: &str, max: usize) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= max || max < 5 {
        return name.to_string();
    }
    let tail = (max - 1) / 3;
    let head = max - 1 - tail;
    format!("{}…{}", chars[..head].iter().collect::<String>(), chars[chars.len() - tail..].iter().collect::<String>())
}

/// A table of `rows` whose first column (a family name, then a mark such as ` (ds)`) is
/// shortened so that the whole table fits `width` columns; the other columns hold short values
/// and keep their width. Without a width (not a terminal) names are kept whole, for grep and files.
fn fitted_table(
    header: &[&str],
    rows: &[(String, &str, Vec<String>)],
    width: Option<usize>,
    right: &[usize],
) -> String {
    let draw = |room: Option<usize>| {
        // Drawn unwrapped: the widths are already right, and a wrapped name helps nobody.
        let mut t = table(header, false);
        for (name, mark, rest) in rows {
            let name = match room {
                Some(room) => shorten(name, room.saturating_sub(mark.chars().count())),
                None => name.clone(),
            };
            t.add_row([vec![format!("{name}{mark}")], rest.clone()].concat());
        }
        right_align(&mut t, right);
        table_text(&mut t)
    };
    let text = draw(None);
    let Some(width) = width else { return text };
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    if widest <= width {
        return text;
    }
    let longest = rows.iter().map(|(n, m, _)| n.chars().count() + m.chars().count()).max().unwrap_or(0);
    draw(Some(longest.saturating_sub(widest - width).max(12)))
}

/// The FITS cell: days, or `>10y` past ten years (a family too small for its days to mean
/// anything; JSON keeps the number).
fn fits_cell(days: u64) -> String {
    if days > 3650 { ">10y".into() } else { format!("{days}d") }
}

fn family_table(report: &AuditReport, terminal: bool) -> String {
    let width = terminal_width(terminal);
    let sizes: Vec<_> = report
        .families
        .iter()
        .map(|f| {
            let columns = vec![
                f.indices.to_string(),
                human_bytes(f.store_bytes),
                opt_bytes(f.daily_average_7d_bytes),
                percent(f.disk_share),
                sparkline(&trend(f)),
            ];
            (f.name.clone(), "", columns)
        })
        .collect();
    let header = ["FAMILY", "INDICES", "SIZE", "PER DAY", "DISK%", "LAST 14 DAYS"];
    let mut out = fitted_table(&header, &sizes, width, &[1, 2, 3, 4]);
    out.push('\n');
    let lifecycle: Vec<_> = report
        .families
        .iter()
        .map(|f| {
            let policy = match (&f.policy, f.policies_agree, &f.data_stream_retention) {
                (Some(p), true, _) => p.clone(),
                (Some(p), false, _) => format!("{p}*"),
                // The data stream lifecycle instead of a policy: its retention.
                (None, _, Some(retention)) => format!("lifecycle {retention}"),
                (None, true, None) => "-".into(),
                (None, false, None) => "-*".into(),
            };
            let columns = vec![
                f.oldest_date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                f.next_deletion.as_ref().map(|d| d.at.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "-".into()),
                f.retention_fit_days.map(fits_cell).unwrap_or_else(|| "-".into()),
                policy,
                phase_summary(&f.phases),
            ];
            (f.name.clone(), if f.data_stream { " (ds)" } else { "" }, columns)
        })
        .collect();
    out.push_str(&fitted_table(
        &["FAMILY", "OLDEST", "NEXT DELETE", "FITS", "POLICY", "PHASES"],
        &lifecycle,
        width,
        &[3],
    ));
    if report.families.iter().any(|f| f.retention_fit_days.is_some()) {
        out.push_str("FITS: days of retention that fit under the high watermark at the family's current daily size\n");
    }
    if report.families.iter().any(|f| !f.policies_agree) {
        out.push_str("* members of this family do not all use the same policy\n");
    }
    out
}

/// `hot 7 warm 23 cold 60`, in lifecycle order, other states last.
fn phase_summary(phases: &std::collections::BTreeMap<String, usize>) -> String {
    let mut sorted: Vec<(&String, &usize)> = phases.iter().collect();
    sorted.sort_by_key(|(p, _)| phase_rank(p));
    sorted.iter().map(|(p, n)| format!("{p} {n}")).collect::<Vec<_>>().join(" ")
}

fn day_table(days: &[DaySize], terminal: bool) -> String {
    let max = days.iter().map(|d| d.bytes).max().unwrap_or(0);
    let mut t = table(&["DAY", "SIZE", ""], terminal);
    for d in days {
        t.add_row(vec![d.date.to_string(), human_bytes(d.bytes), bar(d.bytes, max, 40)]);
    }
    right_align(&mut t, &[1]);
    table_text(&mut t)
}

/// `snapshots: 34 in 2 repositories, 12.3 GiB; newest successful 2024-03-15T01:30:00Z`.
fn repository_sentence(report: &AuditReport) -> Option<String> {
    if !report.backups_read {
        return Some("snapshots: not read (the user lacks the monitor_snapshot and read_slm privileges)".into());
    }
    if report.repositories.is_empty() {
        return None;
    }
    let snapshots: usize = report.repositories.iter().map(|r| r.snapshots).sum();
    let bytes: u64 = report.repositories.iter().map(|r| r.size_bytes).sum();
    let newest = report.repositories.iter().filter_map(|r| r.newest_success_millis).max();
    let unverified = report.repositories.iter().filter(|r| r.verified == Some(false)).count();
    Some(format!(
        "snapshots: {} in {}, {}; newest successful {}{}",
        snapshots,
        plural(report.repositories.len(), "repository", "repositories"),
        human_bytes(bytes),
        newest.map(iso_millis).unwrap_or_else(|| "none".into()),
        if unverified > 0 { format!("; {unverified} failing verification") } else { String::new() }
    ))
}

fn iso_millis(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// One row per repository: the cells every format shows, for people (sizes readable, `-` for
/// none) or for machines (`csv`: bytes, empty for none).
fn repository_rows(report: &AuditReport, for_machines: bool) -> Vec<Vec<String>> {
    report
        .repositories
        .iter()
        .map(|r| {
            let newest = r.newest_success_millis.map(iso_millis);
            vec![
                r.name.clone(),
                r.kind.clone(),
                r.snapshots.to_string(),
                r.successful.to_string(),
                if for_machines { r.size_bytes.to_string() } else { human_bytes(r.size_bytes) },
                if for_machines { newest.unwrap_or_default() } else { newest.unwrap_or_else(|| "-".into()) },
                match (for_machines, r.verified) {
                    (true, v) => v.map(|v| v.to_string()).unwrap_or_default(),
                    (false, Some(true)) => "yes".into(),
                    (false, Some(false)) => "NO".into(),
                    (false, None) => "not allowed".into(),
                },
            ]
        })
        .collect()
}

const REPOSITORY_HEADER: [&str; 7] =
    ["REPOSITORY", "TYPE", "SNAPSHOTS", "SUCCESSFUL", "SIZE", "NEWEST SUCCESS", "VERIFIED"];

fn repository_table(report: &AuditReport, terminal: bool) -> String {
    if report.repositories.is_empty() {
        return "No snapshot repositories.\n".to_string();
    }
    let mut t = table(&REPOSITORY_HEADER, terminal);
    for row in repository_rows(report, false) {
        t.add_row(row);
    }
    right_align(&mut t, &[2, 3, 4]);
    table_text(&mut t)
}

fn phase_table(report: &AuditReport, terminal: bool) -> String {
    let total: u64 = report.phases.iter().map(|p| p.store_bytes).sum();
    let mut t = table(&["PHASE", "INDICES", "SIZE", "SHARE"], terminal);
    for p in &report.phases {
        t.add_row(vec![
            p.phase.clone(),
            p.indices.to_string(),
            human_bytes(p.store_bytes),
            percent(if total == 0 { 0.0 } else { p.store_bytes as f64 / total as f64 }),
        ]);
    }
    right_align(&mut t, &[1, 2, 3]);
    table_text(&mut t)
}

fn severity_style(s: Severity) -> anstyle::Style {
    match s {
        Severity::Error => styles::BAD,
        Severity::Warn => styles::WARN,
        Severity::Info => styles::DIM,
    }
}

fn findings_text(findings: &[Finding], printer: &Printer) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        out.push_str("no findings\n");
        return out;
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "{} ({} error, {} warn, {} info)",
        printer.paint(styles::BOLD, "FINDINGS"),
        count(Severity::Error),
        count(Severity::Warn),
        count(Severity::Info)
    );
    for f in findings {
        let _ = writeln!(
            out,
            "{:<5}  {}  {}",
            printer.paint(severity_style(f.severity), f.severity.as_str()),
            f.code,
            printer.paint(styles::BOLD, &f.subject)
        );
        let _ = writeln!(out, "       {}", wrap(&f.evidence, 7, TEXT_WIDTH));
        let _ =
            writeln!(out, "       {}", printer.paint(styles::DIM, &wrap(&format!("-> {}", f.action), 7, TEXT_WIDTH)));
    }
    out
}

/// The report for people.
pub fn to_table(report: &AuditReport, breakdown: Breakdown, printer: &Printer) -> String {
    let terminal = printer.stdout_is_terminal();
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", printer.paint(styles::BOLD, &headline(report)));
    out.push_str(&node_table(report, terminal));
    if let Some(shards) = shard_sentence(report) {
        let _ = writeln!(out, "{shards}");
    }
    if let Some(snapshots) = repository_sentence(report) {
        let _ = writeln!(out, "{snapshots}");
    }
    let _ = writeln!(out, "{}", forecast_sentence(report));
    let _ = writeln!(
        out,
        "{}\n",
        printer.paint(styles::DIM, &wrap(&format!("({})", report.disk.forecast.method), 0, TEXT_WIDTH))
    );
    match breakdown {
        Breakdown::Family => out.push_str(&family_table(report, terminal)),
        Breakdown::Day => out.push_str(&day_table(&report.days, terminal)),
        Breakdown::Phase => out.push_str(&phase_table(report, terminal)),
        Breakdown::Repository => out.push_str(&repository_table(report, terminal)),
        Breakdown::Node => {}
    }
    if breakdown != Breakdown::Node {
        out.push('\n');
    }
    out.push_str(&findings_text(&report.findings, printer));
    out
}

/// `-o json`: the report as it is (schema in README).
pub fn to_json(report: &AuditReport) -> anyhow::Result<String> {
    // From 10,000 names the findings (most of the text: the names they list) are written on a
    // thread of their own while this one writes the rest.
    json_document(report, listed_names(&report.findings) + report.disk.read_only_indices.len() >= 10_000)
}

/// The index names `findings` list.
fn listed_names(findings: &[Finding]) -> usize {
    findings.iter().map(|f| f.indices.len()).sum()
}

/// The report as `serde_json::to_string_pretty` writes it, field by field, with the findings
/// written `apart` (on another thread) or not.
pub(super) fn json_document(report: &AuditReport, apart: bool) -> anyhow::Result<String> {
    // Written straight into the text it returns: at 100,000 indices the report is ~14 MB, which a
    // `format!` around `to_string_pretty` would copy once more, and a buffer grown from small
    // would copy as often as it doubles. Sized for the index names it lists (a line of ~40 bytes
    // each) and the families (their daily series).
    let names = listed_names(&report.findings) + report.disk.read_only_indices.len();
    let mut text = Vec::with_capacity((1 << 16) + names * 48 + report.families.len() * 4096);
    let findings_apart = |findings: &[Finding]| -> serde_json::Result<Vec<u8>> {
        let mut text = Vec::with_capacity((1 << 12) + listed_names(findings) * 48);
        write_pretty_at(&mut text, 1, &findings)?;
        Ok(text)
    };
    std::thread::scope(|s| -> anyhow::Result<()> {
        let findings = apart.then(|| s.spawn(|| findings_apart(&report.findings)));
        text.push(b'{');
        json_field(&mut text, true, "schema_version", &report.schema_version)?;
        json_field(&mut text, false, "generated_at", &report.generated_at)?;
        json_field(&mut text, false, "cluster", &report.cluster)?;
        json_field(&mut text, false, "totals", &report.totals)?;
        json_field(&mut text, false, "disk", &report.disk)?;
        json_field(&mut text, false, "shards", &report.shards)?;
        json_field(&mut text, false, "families", &report.families)?;
        json_field(&mut text, false, "days", &report.days)?;
        json_field(&mut text, false, "phases", &report.phases)?;
        json_field(&mut text, false, "repositories", &report.repositories)?;
        json_field(&mut text, false, "backups_read", &report.backups_read)?;
        match findings {
            Some(thread) => {
                let written = thread.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
                text.extend_from_slice(b",\n  \"findings\": ");
                text.extend_from_slice(&written);
            }
            None => json_field(&mut text, false, "findings", &report.findings)?,
        }
        text.extend_from_slice(b"\n}\n");
        Ok(())
    })?;
    Ok(String::from_utf8(text)?)
}

/// `"name": value` as the report's field, one level in.
fn json_field<T: serde::Serialize + ?Sized>(
    text: &mut Vec<u8>,
    first: bool,
    name: &str,
    value: &T,
) -> serde_json::Result<()> {
    text.extend_from_slice(if first { b"\n  " } else { b",\n  " });
    serde_json::to_writer(&mut *text, name)?;
    text.extend_from_slice(b": ");
    write_pretty_at(text, 1, value)
}

/// `value` as serde_json's pretty printer writes it (two spaces a level), as if `depth` levels in.
fn write_pretty_at<T: serde::Serialize + ?Sized>(
    text: &mut Vec<u8>,
    depth: usize,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(text, PrettyAt { depth, has_value: false }))
}

/// serde_json's pretty layout starting `depth` levels in, so that a part of a document written
/// apart fits where it goes.
struct PrettyAt {
    depth: usize,
    has_value: bool,
}

impl PrettyAt {
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w, false)?;
        }
        w.write_all(bracket)
    }

    fn new_line<W: ?Sized + std::io::Write>(&mut self, w: &mut W, comma: bool) -> std::io::Result<()> {
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for PrettyAt {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.new_line(w, !first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.new_line(w, !first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn date_or_empty(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// `-o csv`: the breakdown as rows, sizes in bytes.
pub fn to_csv(report: &AuditReport, breakdown: Breakdown) -> String {
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    match breakdown {
        Breakdown::Family => csv_rows(
            &[
                "family",
                "data_stream",
                "indices",
                "oldest_date",
                "newest_date",
                "store_bytes",
                "primary_store_bytes",
                "docs",
                "daily_average_7d_bytes",
                "daily_average_30d_bytes",
                "disk_share",
                "policy",
                "policies_agree",
                "next_deletion_at",
                "next_deletion_index",
            ],
            report
                .families
                .iter()
                .map(|f| {
                    vec![
                        f.name.clone(),
                        f.data_stream.to_string(),
                        f.indices.to_string(),
                        date_or_empty(f.oldest_date),
                        date_or_empty(f.newest_date),
                        f.store_bytes.to_string(),
                        f.primary_store_bytes.to_string(),
                        f.docs.to_string(),
                        opt(f.daily_average_7d_bytes),
                        opt(f.daily_average_30d_bytes),
                        format!("{:.4}", f.disk_share),
                        f.policy.clone().unwrap_or_default(),
                        f.policies_agree.to_string(),
                        f.next_deletion.as_ref().map(|d| d.at.to_rfc3339()).unwrap_or_default(),
                        f.next_deletion.as_ref().map(|d| d.index.clone()).unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
        Breakdown::Day => csv_rows(
            &["date", "store_bytes"],
            report.days.iter().map(|d| vec![d.date.to_string(), d.bytes.to_string()]).collect(),
        ),
        Breakdown::Phase => csv_rows(
            &["phase", "indices", "store_bytes"],
            report
                .phases
                .iter()
                .map(|p| vec![p.phase.clone(), p.indices.to_string(), p.store_bytes.to_string()])
                .collect(),
        ),
        Breakdown::Repository => csv_rows(
            &["repository", "type", "snapshots", "successful", "size_bytes", "newest_success_at", "verified"],
            repository_rows(report, true),
        ),
        Breakdown::Node => csv_rows(
            &[
                "node",
                "shards",
                "used_bytes",
                "total_bytes",
                "percent",
                "low_bytes",
                "high_bytes",
                "flood_stage_bytes",
                "past",
            ],
            report
                .disk
                .nodes
                .iter()
                .map(|n| {
                    vec![
                        n.node.clone(),
                        n.shards.to_string(),
                        n.used_bytes.to_string(),
                        n.total_bytes.to_string(),
                        format!("{:.2}", n.percent),
                        n.low_bytes.to_string(),
                        n.high_bytes.to_string(),
                        n.flood_stage_bytes.to_string(),
                        n.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
    }
}

/// A Prometheus label value, escaped.
fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// `-o prometheus`: text exposition format, for node_exporter's textfile collector.
pub fn to_prometheus(report: &AuditReport) -> String {
    let mut out = String::new();
    let mut metric = |name: &str, help: &str, samples: Vec<(String, String)>| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (labels, value) in samples {
            let _ = writeln!(out, "{name}{labels} {value}");
        }
    };
    let family = |f: &FamilyReport| format!("{{family=\"{}\"}}", label(&f.name));
    metric(
        "esops_audit_timestamp_seconds",
        "When the audit ran (its \"now\"), Unix time.",
        vec![(String::new(), report.generated_at.timestamp().to_string())],
    );
    metric(
        "esops_family_store_bytes",
        "Bytes on disk per index family, replicas included.",
        report.families.iter().map(|f| (family(f), f.store_bytes.to_string())).collect(),
    );
    metric(
        "esops_family_primary_store_bytes",
        "Bytes of the primaries per index family.",
        report.families.iter().map(|f| (family(f), f.primary_store_bytes.to_string())).collect(),
    );
    metric(
        "esops_family_indices",
        "Indices per family.",
        report.families.iter().map(|f| (family(f), f.indices.to_string())).collect(),
    );
    metric(
        "esops_family_docs",
        "Documents (primaries) per family.",
        report.families.iter().map(|f| (family(f), f.docs.to_string())).collect(),
    );
    metric(
        "esops_family_daily_average_bytes",
        "Average bytes per complete day of data over the last 7 days.",
        report.families.iter().filter_map(|f| Some((family(f), f.daily_average_7d_bytes?.to_string()))).collect(),
    );
    let node = |n: &str| format!("{{node=\"{}\"}}", label(n));
    metric(
        "esops_node_disk_used_bytes",
        "Disk bytes used per node.",
        report.disk.nodes.iter().map(|n| (node(&n.node), n.used_bytes.to_string())).collect(),
    );
    metric(
        "esops_node_disk_total_bytes",
        "Disk size per node.",
        report.disk.nodes.iter().map(|n| (node(&n.node), n.total_bytes.to_string())).collect(),
    );
    metric(
        "esops_node_disk_flood_stage_bytes",
        "Used bytes at which the node reaches the flood stage watermark.",
        report.disk.nodes.iter().map(|n| (node(&n.node), n.flood_stage_bytes.to_string())).collect(),
    );
    let forecast = &report.disk.forecast;
    if !report.disk.nodes.is_empty() {
        metric(
            "esops_disk_flood_stage_forecast_days",
            "Days until the cluster reaches the flood stage at the observed growth (+Inf: not within two years).",
            vec![(
                String::new(),
                forecast.days_until_flood_stage.map(|d| d.to_string()).unwrap_or_else(|| "+Inf".into()),
            )],
        );
    }
    metric(
        "esops_disk_net_daily_growth_bytes",
        "Projected new bytes per day minus what ILM deletes.",
        vec![(String::new(), forecast.net_daily_growth_bytes.to_string())],
    );
    if let Some(shards) = report.shards {
        metric(
            "esops_cluster_open_shards",
            "Shard copies of open indices, as Elasticsearch's shard limit counts them.",
            vec![(String::new(), shards.open.to_string())],
        );
        metric(
            "esops_cluster_shard_limit",
            "cluster.max_shards_per_node times the data nodes: new indices are refused beyond it.",
            vec![(String::new(), shards.limit.to_string())],
        );
    }
    if !report.repositories.is_empty() {
        let repo = |name: &str| format!("{{repository=\"{}\"}}", label(name));
        metric(
            "esops_snapshot_repository_snapshots",
            "Snapshots in the repository, any state.",
            report.repositories.iter().map(|r| (repo(&r.name), r.snapshots.to_string())).collect(),
        );
        metric(
            "esops_snapshot_repository_bytes",
            "Bytes the repository's snapshots hold, each index counted once at its latest snapshotted size.",
            report.repositories.iter().map(|r| (repo(&r.name), r.size_bytes.to_string())).collect(),
        );
        metric(
            "esops_snapshot_repository_verified",
            "1 when every node can use the repository (POST _snapshot/NAME/_verify), else 0 (absent: not allowed to verify).",
            report
                .repositories
                .iter()
                .filter_map(|r| r.verified.map(|v| (repo(&r.name), u8::from(v).to_string())))
                .collect(),
        );
        metric(
            "esops_snapshot_repository_last_success_timestamp_seconds",
            "Start of the newest successful snapshot, Unix time (absent: none).",
            report
                .repositories
                .iter()
                .filter_map(|r| r.newest_success_millis.map(|m| (repo(&r.name), (m / 1000).to_string())))
                .collect(),
        );
    }
    metric(
        "esops_read_only_indices",
        "Indices carrying the flood-stage read-only block.",
        vec![(String::new(), report.disk.read_only_indices.len().to_string())],
    );
    let mut by_code: std::collections::BTreeMap<(&str, &str), usize> = std::collections::BTreeMap::new();
    for f in &report.findings {
        *by_code.entry((f.code.as_str(), f.severity.as_str())).or_default() += 1;
    }
    metric(
        "esops_findings",
        "Findings per code and severity (codes without findings are absent; see esops_findings_by_severity).",
        by_code
            .into_iter()
            .map(|((code, sev), n)| (format!("{{code=\"{code}\",severity=\"{sev}\"}}"), n.to_string()))
            .collect(),
    );
    metric(
        "esops_findings_by_severity",
        "Findings per severity, zeros included.",
        [Severity::Error, Severity::Warn, Severity::Info]
            .into_iter()
            .map(|s| (format!("{{severity=\"{s}\"}}"), report.count_by_severity(s).to_string()))
            .collect(),
    );
    out
}

/// `-o markdown`: for CI job summaries and pull request comments.
pub fn to_markdown(report: &AuditReport, breakdown: Breakdown) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## esops audit: {}\n", md_cell(&report.cluster));
    let _ = writeln!(out, "{}\n", headline(report));
    let _ = writeln!(out, "{}\n", forecast_sentence(report));
    if let Some(shards) = shard_sentence(report) {
        let _ = writeln!(out, "{shards}\n");
    }
    if let Some(snapshots) = repository_sentence(report) {
        let _ = writeln!(out, "{snapshots}\n");
    }
    let rows = |out: &mut String, header: &[&str], align: &str, rows: Vec<Vec<String>>| {
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "{align}");
        for r in rows {
            let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    };
    match breakdown {
        Breakdown::Family => rows(
            &mut out,
            &["Family", "Indices", "Size", "Per day (7d)", "Disk share", "Policy", "Last 14 days"],
            "|---|---:|---:|---:|---:|---|---|",
            report
                .families
                .iter()
                .map(|f| {
                    vec![
                        format!("`{}`", f.name),
                        f.indices.to_string(),
                        human_bytes(f.store_bytes),
                        opt_bytes(f.daily_average_7d_bytes),
                        percent(f.disk_share),
                        f.policy.clone().unwrap_or_else(|| "-".into()),
                        sparkline(&trend(f)),
                    ]
                })
                .collect(),
        ),
        Breakdown::Day => rows(
            &mut out,
            &["Day", "Size"],
            "|---|---:|",
            report.days.iter().map(|d| vec![d.date.to_string(), human_bytes(d.bytes)]).collect(),
        ),
        Breakdown::Phase => rows(
            &mut out,
            &["Phase", "Indices", "Size"],
            "|---|---:|---:|",
            report
                .phases
                .iter()
                .map(|p| vec![p.phase.clone(), p.indices.to_string(), human_bytes(p.store_bytes)])
                .collect(),
        ),
        Breakdown::Repository => rows(
            &mut out,
            &["Repository", "Type", "Snapshots", "Successful", "Size", "Newest success", "Verified"],
            "|---|---|---:|---:|---:|---|---|",
            repository_rows(report, false),
        ),
        Breakdown::Node => rows(
            &mut out,
            &["Node", "Used", "Total", "Used %", "Past"],
            "|---|---:|---:|---:|---|",
            report
                .disk
                .nodes
                .iter()
                .map(|n| {
                    vec![
                        n.node.clone(),
                        human_bytes(n.used_bytes),
                        human_bytes(n.total_bytes),
                        format!("{:.1}%", n.percent),
                        n.level.map(|l| l.as_str().to_string()).unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        ),
    }
    if report.findings.is_empty() {
        out.push_str("No findings.\n");
    } else {
        let _ = writeln!(out, "### Findings\n");
        rows(
            &mut out,
            &["Severity", "Code", "Subject", "Evidence", "What to do"],
            "|---|---|---|---|---|",
            report
                .findings
                .iter()
                .map(|f| {
                    vec![
                        f.severity.to_string(),
                        format!("`{}`", f.code),
                        f.subject.clone(),
                        f.evidence.clone(),
                        f.action.clone(),
                    ]
                })
                .collect(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_past_ten_years_is_not_a_number_of_days() {
        assert_eq!(fits_cell(420), "420d");
        assert_eq!(fits_cell(3650), "3650d");
        assert_eq!(fits_cell(2_155_210_977), ">10y");
    }

    #[test]
    fn sparklines_scale_to_the_largest_value() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8]), "·▂▃▅█");
        assert_eq!(sparkline(&[5, 5]), "██");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn bars_use_eighths() {
        assert_eq!(bar(1, 2, 2), "█");
        assert_eq!(bar(3, 16, 2), "▍");
        assert_eq!(bar(0, 0, 2), "");
    }

    #[test]
    fn long_family_names_are_shortened_in_the_middle_to_fit_a_terminal() {
        assert_eq!(shorten("tmp-reindex-python-logs", 12), "tmp-rein…ogs");
        assert_eq!(shorten("short", 12), "short");
        let rows = vec![
            (
                "a-rather-long-family-name-for-a-table".to_string(),
                " (ds)",
                vec!["12345".into(), "hot 7 warm 23".into()],
            ),
            ("short".to_string(), "", vec!["1".into(), "-".into()]),
        ];
        let header = ["FAMILY", "SIZE", "PHASES"];
        let fitted = fitted_table(&header, &rows, Some(40), &[1]);
        assert!(fitted.lines().all(|l| l.chars().count() <= 40), "{fitted}");
        assert!(fitted.contains("…") && fitted.contains(" (ds)"), "the mark survives: {fitted}");
        let whole = fitted_table(&header, &rows, None, &[1]);
        assert!(whole.contains("a-rather-long-family-name-for-a-table (ds)"), "not a terminal: names whole");
        let roomy = fitted_table(&header, &rows, Some(200), &[1]);
        assert_eq!(roomy, whole);
    }

    #[test]
    fn prometheus_labels_escape() {
        assert_eq!(label("a\"b\\c"), "a\\\"b\\\\c");
    }
}
