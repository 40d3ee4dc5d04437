//! Scale benchmark of `esops audit` against sandboxes of 1,000, 10,000 and 100,000 indices:
//! wall time, peak memory and request count. `cargo bench --bench audit` runs it; without
//! `--bench` (as `cargo test --all-targets` runs it) it does a 100-index smoke run.
//!
//! The audit runs in a child process (this binary again, with `--audit-child URL`), so that its
//! peak memory (`VmHWM`) is the audit's alone and not the sandbox's.
//!
//! The yardstick is a plain HTTP client fetching the same answers (another child, `--fetch-child
//! URL PATH…`, reading the bodies and nothing else): once concurrently, as the audit sends them,
//! which is what the audit's own time is compared with, and once one after another, which shows
//! whether the sandbox serves concurrent reads in parallel. The paths are the ones the audit sent,
//! taken from the sandbox's request log.

mod common;

use std::io::Write;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use esops_core::audit::{self, AuditOptions};
use esops_core::connect::{self, ConnectionFlags};
use esops_core::es::Client;
use esops_core::printer::{ColorMode, Printer, Verbosity};

/// 2024-03-15T12:30:00Z
const NOW_MILLIS: i64 = 1_710_505_800_000;
/// Daily indices per family: the sizes are reached with more families, as in real clusters.
const DAYS_PER_FAMILY: u32 = 100;

/// Runs of each plain fetch; the median is reported.
const FETCH_RUNS: usize = 3;

/// The sandbox's request log (`esops::sandbox` events), to learn which paths the audit sent.
static REQUEST_LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct RequestLogWriter;

impl Write for RequestLogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        REQUEST_LOG.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The Elasticsearch paths (with their queries) logged since the last call, `/_sandbox` excluded.
fn logged_paths() -> Vec<String> {
    let log = std::mem::take(&mut *REQUEST_LOG.lock().unwrap_or_else(|p| p.into_inner()));
    String::from_utf8_lossy(&log)
        .lines()
        .filter_map(|line| line.split_once("GET ")?.1.split_once(" -> ").map(|(path, _)| path.to_string()))
        .filter(|path| !path.starts_with("/_sandbox"))
        .collect()
}

fn median(mut timings: Vec<Duration>) -> Duration {
    timings.sort();
    timings[timings.len() / 2]
}

/// The plain client: fetches `paths` concurrently, then one after another, and prints the median
/// times as one line of JSON.
fn fetch_child(url: &str, paths: &[String]) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let http = reqwest::Client::new();
    let fetch = |path: &String| {
        let request = http.get(format!("{url}{path}"));
        async move { anyhow::Ok(request.send().await?.error_for_status()?.bytes().await?.len()) }
    };
    let (concurrent, sequential) = runtime.block_on(async {
        let (mut concurrent, mut sequential) = (Vec::new(), Vec::new());
        for _ in 0..FETCH_RUNS {
            let t = Instant::now();
            let mut tasks = tokio::task::JoinSet::new();
            for path in paths {
                tasks.spawn(fetch(path));
            }
            while let Some(done) = tasks.join_next().await {
                done??;
            }
            concurrent.push(t.elapsed());
            let t = Instant::now();
            for path in paths {
                fetch(path).await?;
            }
            sequential.push(t.elapsed());
        }
        anyhow::Ok((median(concurrent), median(sequential)))
    })?;
    println!(
        "{}",
        serde_json::json!({"concurrent_ms": concurrent.as_millis() as u64, "sequential_ms": sequential.as_millis() as u64})
    );
    Ok(())
}

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
    if let Some(i) = args.iter().position(|a| a == "--fetch-child") {
        return fetch_child(args.get(i + 1).map(String::as_str).unwrap_or_default(), &args[i + 2..]);
    }
    tracing_subscriber::fmt()
        .with_writer(|| RequestLogWriter)
        .with_env_filter("esops::sandbox=info")
        .with_ansi(false)
        .init();
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
            // The audit's own requests come first; its per-read timings after them repeat some.
            let paths: Vec<String> = logged_paths().into_iter().take(figures["requests"].as_u64().unwrap_or(0) as usize).collect();
            let plain = Command::new(std::env::current_exe()?).arg("--fetch-child").arg(sandbox.url()).args(&paths).output()?;
            anyhow::ensure!(plain.status.success(), "plain fetch failed: {}", String::from_utf8_lossy(&plain.stderr));
            let plain: serde_json::Value = serde_json::from_slice(&plain.stdout)?;
            let ratio = |a: &serde_json::Value, b: &serde_json::Value| a.as_f64().unwrap_or(0.0) / b.as_f64().unwrap_or(1.0).max(1.0);
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
            println!(
                "        plain client, same {} reads: concurrent {} ms, one after another {} ms ({:.2}x); audit / plain concurrent = {:.2}x",
                paths.len(),
                plain["concurrent_ms"],
                plain["sequential_ms"],
                ratio(&plain["sequential_ms"], &plain["concurrent_ms"]),
                ratio(&figures["total_ms"], &plain["concurrent_ms"])
            );
            sandbox.shutdown().await
        })?;
    }
    Ok(())
}
