//! Scale benchmark of `esops audit` against sandboxes of 1,000, 10,000 and 100,000 indices:
//! wall time, peak memory and request count, against a plain HTTP client fetching the same
//! answers. `cargo bench --bench audit` runs it; without `--bench` (as `cargo test --all-targets`
//! runs it) it does one 100-index smoke run; `cargo bench --bench audit -- 100000` measures one size
//! (`--runs=1` for one run, as under a profiler); `--serve SIZE` keeps a seeded sandbox up, to
//! profile an audit child (`--audit-child URL core|full`) against.
//!
//! Two audits are measured at each size: the core audit (`audit::collect_without_mappings`, the
//! analysis and the JSON report), and the full audit (`audit::collect`, which adds two mapping
//! reads per family). Each runs in a child process (this binary again, with `--audit-child URL
//! core|full`), so that its peak memory (`VmHWM`) is its own and not the sandbox's, and it starts
//! with fresh connections, as `esops audit` does.
//!
//! The yardstick is a plain HTTP client (another child, `--fetch-child URL`, given the requests on
//! its standard input) that sends the requests the audit sent, taken from the sandbox's request
//! log, in the same shape — `GET /` alone first, then the core reads all at once, and, from the
//! moment `_cat/indices` has answered, each family's mapping reads together with
//! [`audit::MAPPING_READS_IN_FLIGHT`] families in flight — and reads the bodies and nothing
//! else. Each audit is followed by its plain fetch; the runs alternate, so that both meet the
//! same load, and the medians are reported, with the median of the runs' audit / plain ratios.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use esops_core::audit::{self, AuditOptions};
use esops_core::connect::{self, ConnectionFlags};
use esops_core::es::Client;
use esops_core::printer::{ColorMode, Printer, Verbosity};
use futures_util::{StreamExt as _, TryStreamExt as _};
use serde::{Deserialize, Serialize};

/// The allocator `esops` ships with (src/main.rs): the audit's cost is measured as users pay it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 2024-03-15T12:30:00Z
const NOW_MILLIS: i64 = 1_710_505_800_000;
/// Daily indices per family: the sizes are reached with more families, as in real clusters.
const DAYS_PER_FAMILY: u32 = 100;

/// Runs of each audit and of its plain fetch at each size; the medians are reported.
const RUNS: usize = 5;

/// The sandbox's request log (`esops::sandbox` events), to learn which requests the audit sent.
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

/// One request as the sandbox logged it: method, and path with its query.
type LoggedRequest = (String, String);

/// The Elasticsearch requests logged since the last call (`/_sandbox` excluded), in the order
/// they were answered.
fn logged_requests() -> Vec<LoggedRequest> {
    let log = std::mem::take(&mut *REQUEST_LOG.lock().unwrap_or_else(|p| p.into_inner()));
    String::from_utf8_lossy(&log)
        .lines()
        .filter_map(|line| {
            let request = line.split_once("esops::sandbox: ")?.1;
            let (method, rest) = request.split_once(' ')?;
            let (path, _) = rest.split_once(" -> ")?;
            Some((method.to_string(), path.to_string()))
        })
        .filter(|(_, path)| !path.starts_with("/_sandbox"))
        .collect()
}

/// Which audit a child runs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    /// `collect_without_mappings`, the analysis and the JSON report.
    Core,
    /// `collect` (with the per-family mapping reads), the analysis and the JSON report.
    Full,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Core => "core",
            Scope::Full => "full",
        }
    }
}

/// The requests an audit sent, in the shape it sent them.
#[derive(Debug, Default, Serialize, Deserialize)]
struct FetchPlan {
    /// `GET /`, sent alone before the others.
    root: Vec<LoggedRequest>,
    /// `_cat/indices`, sent with the core reads: the family reads wait for its answer.
    indices: Vec<LoggedRequest>,
    /// The other core reads, sent all at once.
    core: Vec<LoggedRequest>,
    /// Each family's mapping reads (`_field_caps` and the `_ignored` search), sent together.
    families: Vec<Vec<LoggedRequest>>,
}

impl FetchPlan {
    /// Sorts what an audit sent: the family reads name their family's pattern as the first path
    /// segment.
    fn new(requests: Vec<LoggedRequest>) -> Self {
        let mut plan = FetchPlan::default();
        let mut families: BTreeMap<String, Vec<LoggedRequest>> = BTreeMap::new();
        for (method, path) in requests {
            let route = path.split('?').next().unwrap_or_default();
            if route == "/" {
                plan.root.push((method, path));
            } else if route == "/_cat/indices" {
                plan.indices.push((method, path));
            } else if route.ends_with("/_field_caps") || route.ends_with("/_search") {
                let pattern = route.trim_start_matches('/').split('/').next().unwrap_or_default().to_string();
                families.entry(pattern).or_default().push((method, path));
            } else {
                plan.core.push((method, path));
            }
        }
        plan.families = families.into_values().collect();
        plan
    }

    fn len(&self) -> usize {
        self.root.len() + self.indices.len() + self.core.len() + self.families.iter().map(Vec::len).sum::<usize>()
    }
}

fn median<T: PartialOrd + Copy>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).expect("comparable"));
    values[values.len() / 2]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The plain client: sends the plan read from standard input as the audit sent it, reads the
/// bodies, and prints the time taken as one line of JSON.
fn fetch_child(url: &str) -> anyhow::Result<()> {
    let plan: FetchPlan = serde_json::from_reader(std::io::stdin())?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let http = reqwest::Client::builder().no_proxy().build()?;
    // The audit's only POST is the `_ignored` search, with the same body for every family.
    let search = esops_core::es::cluster_state::ignored_values_search().to_string();
    let fetch = |(method, path): &LoggedRequest| {
        let request = match method.as_str() {
            "POST" => http
                .post(format!("{url}{path}"))
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(search.clone()),
            _ => http.get(format!("{url}{path}")),
        };
        async move { anyhow::Ok(request.send().await?.error_for_status()?.bytes().await?.len()) }
    };
    let took = runtime.block_on(async {
        let started = Instant::now();
        for request in &plan.root {
            fetch(request).await?;
        }
        let indices_then_families = async {
            futures_util::future::try_join_all(plan.indices.iter().map(fetch)).await?;
            futures_util::stream::iter(
                plan.families.iter().map(|reads| futures_util::future::try_join_all(reads.iter().map(fetch))),
            )
            .buffer_unordered(audit::MAPPING_READS_IN_FLIGHT)
            .try_collect::<Vec<_>>()
            .await
        };
        futures_util::future::try_join(
            futures_util::future::try_join_all(plan.core.iter().map(fetch)),
            indices_then_families,
        )
        .await?;
        anyhow::Ok(started.elapsed())
    })?;
    println!("{}", serde_json::json!({ "ms": millis(took) }));
    Ok(())
}

fn peak_memory_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// The runtime and the client an audit child runs, as `esops` would connect to `url`.
fn audit_client(url: &str) -> anyhow::Result<(tokio::runtime::Runtime, Client)> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let flags = ConnectionFlags { url: Some(url.to_string()), ..Default::default() };
    let conn = connect::resolve(&flags, &|_| None, None)?;
    Ok((runtime, Client::new(&conn, Printer::new(ColorMode::Never, Verbosity::Quiet))?))
}

/// What an audit child reports.
#[derive(Debug, Serialize, Deserialize)]
struct AuditFigures {
    indices: usize,
    families: usize,
    /// Reading the cluster.
    collect_ms: f64,
    /// The analysis of what was read.
    analysis_ms: f64,
    /// Reading, analysis and the JSON report.
    total_ms: f64,
    json_bytes: usize,
    peak_kib: u64,
    requests: u64,
}

/// The child: one audit against `url`, then its figures as one line of JSON.
fn audit_child(url: &str, scope: Scope) -> anyhow::Result<()> {
    let (runtime, client) = audit_client(url)?;
    let started = Instant::now();
    let snapshot = runtime.block_on(async {
        match scope {
            Scope::Core => audit::collect_without_mappings(&client).await,
            Scope::Full => audit::collect(&client).await,
        }
    })?;
    let collected = started.elapsed();
    let now = chrono::DateTime::from_timestamp_millis(NOW_MILLIS).expect("valid time");
    let analysis_started = Instant::now();
    let report = audit::analyze(&snapshot, now, &AuditOptions::default());
    let analysed = analysis_started.elapsed();
    let json = audit::render::to_json(&report)?;
    let total = collected + analysis_started.elapsed();
    let counts: serde_json::Value =
        runtime.block_on(async { reqwest::get(format!("{url}/_sandbox/requests")).await?.json().await })?;
    let figures = AuditFigures {
        indices: report.totals.indices,
        families: report.totals.families,
        collect_ms: millis(collected),
        analysis_ms: millis(analysed),
        total_ms: millis(total),
        json_bytes: json.len(),
        peak_kib: peak_memory_kib(),
        requests: counts["total"].as_u64().unwrap_or(0),
    };
    println!("{}", serde_json::to_string(&figures)?);
    Ok(())
}

/// `--analysis-child URL RUNS`: one core read, then the analysis and the JSON report `RUNS` times,
/// each run's milliseconds on a line — to profile them alone (`perf record`).
fn analysis_child(url: &str, runs: usize) -> anyhow::Result<()> {
    let (runtime, client) = audit_client(url)?;
    let snapshot = runtime.block_on(audit::collect_without_mappings(&client))?;
    let now = chrono::DateTime::from_timestamp_millis(NOW_MILLIS).expect("valid time");
    for _ in 0..runs {
        let started = Instant::now();
        let report = audit::analyze(&snapshot, now, &AuditOptions::default());
        let analysed = started.elapsed();
        let json = audit::render::to_json(&report)?;
        println!(
            "analysis {:.1} ms, report {:.1} ms ({} bytes)",
            millis(analysed),
            millis(started.elapsed() - analysed),
            json.len()
        );
    }
    Ok(())
}

/// Runs this binary again with `args`, `stdin` on its standard input, and decodes what it prints.
fn child<T: serde::de::DeserializeOwned>(args: &[&str], stdin: &[u8]) -> anyhow::Result<T> {
    let mut child =
        child_command()?.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    child.stdin.take().expect("piped").write_all(stdin)?;
    let output = child.wait_with_output()?;
    anyhow::ensure!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    Ok(serde_json::from_slice(&output.stdout)?)
}

/// A child of this binary.
fn child_command() -> anyhow::Result<Command> {
    Ok(pinned(std::env::current_exe()?))
}

/// `program` as a child. With `AUDIT_BENCH_CLIENT_CPUS=1` (and the bench itself under
/// `taskset -c 0`), children run on those CPUs through `taskset`, so that the audit and the
/// clients it is measured against do not share CPUs with the sandbox — as when the cluster runs
/// on its own machines.
fn pinned(program: impl AsRef<std::ffi::OsStr>) -> Command {
    match std::env::var("AUDIT_BENCH_CLIENT_CPUS") {
        Ok(cpus) if !cpus.is_empty() => {
            let mut command = Command::new("taskset");
            command.arg("-c").arg(cpus).arg(program);
            command
        }
        _ => Command::new(program),
    }
}

/// The yardstick issue 11 names: curl fetching what the core audit fetched — `GET /` alone,
/// then the other reads at once (`--parallel`, a connection each, as the audit) — into
/// /dev/null. The time is curl's own (`%{time_total}` of `GET /` plus the longest of the
/// others, which all start together), so that, as for the audit child, starting the process is
/// not counted. `None` when curl is not installed.
fn curl_core(url: &str, plan: &FetchPlan) -> anyhow::Result<Option<f64>> {
    let transfer_seconds = |paths: &[&LoggedRequest]| -> anyhow::Result<Option<Vec<f64>>> {
        let mut command = pinned("curl");
        command.args(["--silent", "--show-error", "--fail", "--globoff", "--parallel", "--parallel-immediate"]);
        command.args(["--parallel-max", "100", "--write-out", "%{time_total}\\n"]);
        for (method, path) in paths {
            anyhow::ensure!(method == "GET", "the core audit only reads: {method} {path}");
            command.args(["--output", "/dev/null"]).arg(format!("{url}{path}"));
        }
        let output = match command.output() {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        anyhow::ensure!(output.status.success(), "curl failed: {}", String::from_utf8_lossy(&output.stderr));
        let seconds = String::from_utf8(output.stdout)?.lines().map(str::parse).collect::<Result<Vec<f64>, _>>()?;
        anyhow::ensure!(seconds.len() == paths.len(), "curl timed {} of {} transfers", seconds.len(), paths.len());
        Ok(Some(seconds))
    };
    let Some(root) = transfer_seconds(&plan.root.iter().collect::<Vec<_>>())? else { return Ok(None) };
    let reads: Vec<&LoggedRequest> = plan.indices.iter().chain(&plan.core).collect();
    let Some(reads) = transfer_seconds(&reads)? else { return Ok(None) };
    let longest = reads.into_iter().fold(0.0, f64::max);
    Ok(Some((root.iter().sum::<f64>() + longest) * 1000.0))
}

/// One audit and its plain fetch (and, for the core audit, curl's).
struct Run {
    audit: AuditFigures,
    requests_fetched: usize,
    plain_ms: f64,
    curl_ms: Option<f64>,
}

#[derive(Deserialize)]
struct PlainFigures {
    ms: f64,
}

/// `--serve SIZE`: a seeded sandbox alone, its URL on standard output and the requests it serves
/// on standard error, until standard input closes, to profile an audit child against
/// (`--audit-child URL full`).
fn serve(size: u32) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let sandbox = runtime.block_on(common::seeded_sandbox(size, DAYS_PER_FAMILY, NOW_MILLIS))?;
    println!("{}", sandbox.url());
    std::io::copy(&mut std::io::stdin(), &mut std::io::sink())?;
    runtime.block_on(sandbox.shutdown())
}

fn main() -> anyhow::Result<()> {
    // As the `esops` binary (src/main.rs): no transparent huge pages, for this process and the
    // children it starts.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    if let Some(i) = args.iter().position(|a| a == "--audit-child") {
        let scope = if arg(i + 2) == "core" { Scope::Core } else { Scope::Full };
        return audit_child(arg(i + 1), scope);
    }
    if let Some(i) = args.iter().position(|a| a == "--analysis-child") {
        return analysis_child(arg(i + 1), arg(i + 2).parse()?);
    }
    if let Some(i) = args.iter().position(|a| a == "--fetch-child") {
        return fetch_child(arg(i + 1));
    }
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        // The requests served, on standard error, to replay them with another client.
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_env_filter("esops::sandbox=info")
            .with_ansi(false)
            .init();
        return serve(arg(i + 1).parse()?);
    }
    tracing_subscriber::fmt()
        .with_writer(|| RequestLogWriter)
        .with_env_filter("esops::sandbox=info")
        .with_ansi(false)
        .init();
    // `cargo bench --bench audit -- 100000` measures that size alone.
    let chosen: Vec<u32> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let (sizes, runs) = match args.iter().any(|a| a == "--bench") {
        true if chosen.is_empty() => (vec![1_000, 10_000, 100_000], RUNS),
        true => (chosen, RUNS),
        false => (vec![100], 1),
    };
    // `-- --runs=1 100000`: one run, for a profile.
    let runs = args.iter().find_map(|a| a.strip_prefix("--runs=")?.parse().ok()).unwrap_or(runs);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let http = reqwest::Client::new();
    for size in sizes {
        runtime.block_on(async {
            let sandbox = common::seeded_sandbox(size, DAYS_PER_FAMILY, NOW_MILLIS).await?;
            let requests = format!("{}/_sandbox/requests", sandbox.url());
            let mut measured: BTreeMap<&str, Vec<Run>> = BTreeMap::new();
            for _ in 0..runs {
                for scope in [Scope::Core, Scope::Full] {
                    http.delete(&requests).send().await?.error_for_status()?;
                    logged_requests();
                    // The children block this thread only; the sandbox serves on the runtime's workers.
                    let audit: AuditFigures = child(&["--audit-child", sandbox.url(), scope.name()], b"")?;
                    let plan = FetchPlan::new(logged_requests());
                    anyhow::ensure!(
                        plan.len() as u64 == audit.requests,
                        "the log shows {} requests, the sandbox counted {}",
                        plan.len(),
                        audit.requests
                    );
                    let plain: PlainFigures = child(&["--fetch-child", sandbox.url()], &serde_json::to_vec(&plan)?)?;
                    let curl_ms = match scope {
                        Scope::Core => curl_core(sandbox.url(), &plan)?,
                        Scope::Full => None,
                    };
                    measured.entry(scope.name()).or_default().push(Run {
                        requests_fetched: plan.len(),
                        plain_ms: plain.ms,
                        curl_ms,
                        audit,
                    });
                }
            }
            let first = &measured["full"][0].audit;
            println!("{:>7} indices ({:>4} families), median of {runs} run(s):", first.indices, first.families);
            for scope in [Scope::Core, Scope::Full] {
                let runs = &measured[scope.name()];
                let figure = |f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
                println!(
                    "  {} audit: {:>8.1} ms (collect {:>8.1} ms, analysis {:>5.1} ms) | plain client, same {:>5} requests: {:>8.1} ms | audit / plain = {:.2}x | peak memory {:>6.1} MiB, {} KiB of JSON",
                    scope.name(),
                    figure(|r| r.audit.total_ms),
                    figure(|r| r.audit.collect_ms),
                    figure(|r| r.audit.analysis_ms),
                    runs[0].requests_fetched,
                    figure(|r| r.plain_ms),
                    figure(|r| r.audit.total_ms / r.plain_ms),
                    figure(|r| r.audit.peak_kib as f64) / 1024.0,
                    runs[0].audit.json_bytes / 1024,
                );
                if runs.iter().all(|r| r.curl_ms.is_some()) {
                    let curl = |r: &Run| r.curl_ms.unwrap_or(f64::NAN);
                    println!(
                        "  {} audit against curl --parallel, same {:>5} requests: {:>8.1} ms | audit / curl = {:.2}x",
                        scope.name(),
                        runs[0].requests_fetched,
                        median(runs.iter().map(curl).collect()),
                        median(runs.iter().map(|r| r.audit.total_ms / curl(r)).collect()),
                    );
                }
            }
            sandbox.shutdown().await
        })?;
    }
    Ok(())
}
