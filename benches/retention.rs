//! Scale benchmark of retention selection against sandboxes of 1,000, 10,000 and 100,000 daily
//! indices: the cluster read (requests must stay constant), the pure selection, and the delete
//! batches it would send. `cargo bench --bench retention` runs it; without `--bench` (as
//! `cargo test --all-targets` runs it) it does a 100-index smoke run.

mod common;

use std::time::Instant;

use esops_core::connect::{self, ConnectionFlags};
use esops_core::es::Client;
use esops_core::es::indices::RETENTION_SNAPSHOT_REQUESTS;
use esops_core::lifecycle::retention::{
    self, AgeSource, MAX_DELETE_PATH_BYTES, RetentionRule, SelectionOptions, delete_batches,
};
use esops_core::printer::{ColorMode, Printer, Verbosity};
use serde_json::Value;

/// 2024-03-15T12:30:00Z
const NOW_MILLIS: i64 = 1_710_505_800_000;
const DAYS_PER_FAMILY: u32 = 100;
const DAY_MILLIS: i64 = 86_400_000;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let sizes: &[u32] = if args.iter().any(|a| a == "--bench") { &[1_000, 10_000, 100_000] } else { &[100] };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let http = reqwest::Client::new();
    let now = chrono::DateTime::from_timestamp_millis(NOW_MILLIS).expect("valid time");
    for &size in sizes {
        runtime.block_on(async {
            let sandbox = common::seeded_sandbox(size, DAYS_PER_FAMILY, NOW_MILLIS).await?;
            let flags = ConnectionFlags { url: Some(sandbox.url().to_string()), ..Default::default() };
            let conn = connect::resolve(&flags, &|_| None, None)?;
            let client = Client::new(&conn, Printer::new(ColorMode::Never, Verbosity::Quiet))?;
            // As the retention command does, the cluster is identified first (`GET /`, which also
            // tells ILM from OpenSearch's ISM); the snapshot's reads are counted after.
            client.root_info().await?;
            http.delete(format!("{}/_sandbox/requests", sandbox.url())).send().await?;

            let started = Instant::now();
            let snapshot = client.retention_snapshot().await?;
            let read = started.elapsed();
            let counts: Value = http.get(format!("{}/_sandbox/requests", sandbox.url())).send().await?.json().await?;
            let requests = counts["total"].as_u64().unwrap_or(0);
            assert_eq!(requests, RETENTION_SNAPSHOT_REQUESTS as u64, "requests must not grow with the index count");

            let rules = [RetentionRule {
                patterns: vec!["svc-*".into()],
                delete_after_millis: Some(30 * DAY_MILLIS),
                source: "--older-than 30d".into(),
            }];
            let options = SelectionOptions {
                age_source: AgeSource::NameDate,
                date_format: None,
                keep_newest: 1,
                include_hidden: false,
                include_managed: true,
                min_age_millis: DAY_MILLIS,
                pressure: Default::default(),
            };
            let t = Instant::now();
            let selection = retention::select(&snapshot, &rules, &options, now);
            let selected = t.elapsed();
            let t = Instant::now();
            let batches = delete_batches(&selection.names(), MAX_DELETE_PATH_BYTES);
            let batched = t.elapsed();
            println!(
                "{} indices: read {read:.1?} in {requests} requests, select {selected:.1?} ({} selected), \
                 {} DELETE batches in {batched:.1?}",
                snapshot.indices.len(),
                selection.selected.len(),
                batches.len()
            );
            sandbox.shutdown().await
        })?;
    }
    Ok(())
}
