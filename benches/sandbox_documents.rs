//! Memory benchmark of the sandbox's document store: what one ~2 KB structured log line costs
//! once indexed (through `_bulk`, parsed against a dynamically built mapping), measured as the
//! growth of the process's resident memory divided by the documents indexed.
//! `cargo bench --bench sandbox_documents` indexes 250,000 documents; without `--bench` (as
//! `cargo test --all-targets` runs it) it does a 2,000-document smoke run.

mod in_process;

use std::time::Instant;

use es_sandbox::{Cluster, EsVersion};
use serde_json::{Value, json};

/// The documents per `_bulk` request.
const BATCH: usize = 1_000;
/// What the issue allows one 2 KB document to cost.
const BUDGET_BYTES_PER_DOC: u64 = 3 * 1024;

fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// A python-json-logger style record of about 2 KB, different for every `n`.
fn log_line(n: usize) -> Value {
    let trace: String = format!("{:032x}", (n as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
    let frames: Vec<String> = (0..16)
        .map(|f| {
            format!(
                "  File \"/srv/app/orders/handlers_{f}.py\", line {}, in handle_{n}\n    total = compute(order)",
                100 + f * 7 + n % 50
            )
        })
        .collect();
    let level = ["INFO", "WARNING", "ERROR"][n % 3];
    json!({
        "@timestamp": format!("2024-03-15T{:02}:{:02}:{:02}.{:03}Z", n / 3_600_000 % 24, n / 60_000 % 60, n / 1000 % 60, n % 1000),
        "log": {"level": level, "logger": "orders.handlers"},
        "message": format!("order {n} could not be priced: division by zero in discount rule {}", n % 97),
        "service": {"name": "orders", "version": "2.14.1", "environment": "production"},
        "host": {"name": format!("orders-{}", n % 16)},
        "trace": {"id": trace},
        "http": {"request": {"method": "POST"}, "response": {"status_code": 500}},
        "duration_ms": (n % 1000) as f64 / 7.0,
        "error": {"type": "ZeroDivisionError", "message": "division by zero", "stack_trace": frames.join("\n")}
    })
}

fn main() -> anyhow::Result<()> {
    let docs = if std::env::args().any(|a| a == "--bench") { 250_000 } else { 2_000 };
    let mut cluster = Cluster::new(EsVersion::DEFAULT, 1_710_505_800_000);
    let average_source = (0..100).map(|n| log_line(n).to_string().len()).sum::<usize>() / 100;
    // A first document builds the mapping, so that what follows measures documents only.
    bulk(&mut cluster, 0, 1)?;
    let before = resident_bytes();
    let started = Instant::now();
    let mut n = 1;
    while n < docs {
        let count = BATCH.min(docs - n);
        bulk(&mut cluster, n, count)?;
        n += count;
    }
    let elapsed = started.elapsed();
    let per_doc = resident_bytes().saturating_sub(before) / (docs as u64 - 1);
    let index = &cluster.indices["python-logs-2024.03.15"];
    println!(
        "sandbox_documents: {docs} documents of ~{average_source} bytes: {per_doc} bytes of memory each (budget {BUDGET_BYTES_PER_DOC}), {:.1} µs each to index, {} mapped fields",
        elapsed.as_secs_f64() * 1e6 / docs as f64,
        es_sandbox::mapping::types::total_fields(&index.mappings),
    );
    anyhow::ensure!(index.doc_count() == docs as u64, "expected {docs} documents, found {}", index.doc_count());
    if docs >= 100_000 {
        anyhow::ensure!(per_doc <= BUDGET_BYTES_PER_DOC, "{per_doc} bytes per document is over the budget");
    }
    Ok(())
}

/// Indexes `count` log lines starting at number `first` with one `_bulk` request.
fn bulk(cluster: &mut Cluster, first: usize, count: usize) -> anyhow::Result<()> {
    let mut body = String::new();
    for n in first..first + count {
        body.push_str("{\"index\":{\"_index\":\"python-logs-2024.03.15\"}}\n");
        body.push_str(&log_line(n).to_string());
        body.push('\n');
    }
    in_process::bulk(cluster, "/_bulk", body)
}
