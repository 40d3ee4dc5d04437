//! Scale benchmark of `esops audit` against sandboxes of 1,000, 10,000 and 100,000 indices:
//! wall time, peak memory and request count. `cargo bench --bench audit` runs it; without
//! `--bench` (as `cargo test --all-targets` runs it) it does a 100-index smoke run.
//!
//! The audit runs in a child process (this binary again, with `--audit-child URL`), so that its
//! peak memory (`VmHWM`) is the audit's alone and not the sandbox's.

mod common;

use std::process::Command;
use std::time::Instant;

use esops_core::audit::{self, AuditOptions};
use esops_core::connect::{self, ConnectionFlags};
use esops_core::es::Client;
use esops_core::printer::{ColorMode, Printer, Verbosity};

/// 2024-03-15T12:30:00Z
const NOW_MILLIS: i64 = 1_710_505_800_000;
/// Daily indices per family: the sizes are reached with more families, as in real clusters.
const DAYS_PER_FAMILY: u32 = 100;

fn peak_memory_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// The child: one audit against `url`, then its figures as one line of JSON.
fn audit_child(url: &str) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let flags = ConnectionFlags { url: Some(url.to_string()), ..Default::default() };
    let conn = connect::resolve(&flags, &|_| None, None)?;
    let client = Client::new(&conn, Printer::new(ColorMode::Never, Verbosity::Quiet))?;
    let started = Instant::now();
    let snapshot = runtime.block_on(audit::collect(&client))?;
    let collected = started.elapsed();
    // Counted before the per-read timings below add their own requests.
    let counts: serde_json::Value =
        runtime.block_on(async { reqwest::get(format!("{url}/_sandbox/requests")).await?.json().await })?;
    let now = chrono::DateTime::from_timestamp_millis(NOW_MILLIS).expect("valid time");
    let analysis_started = Instant::now();
    let report = audit::analyze(&snapshot, now, &AuditOptions::default());
    let json = audit::render::to_json(&report)?;
    let total = collected + analysis_started.elapsed();
    // Where collection time goes: each read again, alone.
    let mut calls = serde_json::Map::new();
    runtime.block_on(async {
        macro_rules! time {
            ($name:literal, $call:expr) => {{
                let t = Instant::now();
                $call.await?;
                calls.insert($name.into(), serde_json::json!(t.elapsed().as_millis() as u64));
            }};
        }
        time!("cat_indices", client.cat_indices_all());
        time!("ilm_explain", client.ilm_explain_all());
        time!("aliases", client.aliases_all());
        time!("index_settings", client.index_settings_all());
        time!("data_streams", client.data_streams_all());
        anyhow::Ok(())
    })?;
    println!(
        "{}",
        serde_json::json!({
            "indices": report.totals.indices,
            "families": report.totals.families,
            "collect_ms": collected.as_millis() as u64,
            "total_ms": total.as_millis() as u64,
            "json_bytes": json.len(),
            "peak_kib": peak_memory_kib(),
            "calls_ms": calls,
            "requests": counts["total"],
        })
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--audit-child") {
        return audit_child(args.get(i + 1).map(String::as_str).unwrap_or_default());
    }
    let sizes: &[u32] = if args.iter().any(|a| a == "--bench") { &[1_000, 10_000, 100_000] } else { &[100] };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let http = reqwest::Client::new();
    for &size in sizes {
        runtime.block_on(async {
            let sandbox = common::seeded_sandbox(size, DAYS_PER_FAMILY, NOW_MILLIS).await?;
            let requests = format!("{}/_sandbox/requests", sandbox.url());
            http.delete(&requests).send().await?.error_for_status()?;
            // The child blocks this thread only; the sandbox keeps serving on the runtime's workers.
            let child = Command::new(std::env::current_exe()?).args(["--audit-child", sandbox.url()]).output()?;
            anyhow::ensure!(child.status.success(), "audit failed: {}", String::from_utf8_lossy(&child.stderr));
            let figures: serde_json::Value = serde_json::from_slice(&child.stdout)?;
            println!(
                "{:>7} indices ({:>4} families): audit {:>6} ms (collect {:>6} ms), peak memory {:>7.1} MiB, {} requests, {} KiB of JSON",
                figures["indices"],
                figures["families"],
                figures["total_ms"],
                figures["collect_ms"],
                figures["peak_kib"].as_f64().unwrap_or(0.0) / 1024.0,
                figures["requests"],
                figures["json_bytes"].as_u64().unwrap_or(0) / 1024
            );
            println!("        each read alone (ms): {}", figures["calls_ms"]);
            sandbox.shutdown().await
        })?;
    }
    Ok(())
}
