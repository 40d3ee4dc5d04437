//! Scale benchmark: `GET /_cat/indices?format=json&bytes=b` over 100,000 seeded indices, through
//! the real HTTP server. Run with `cargo bench --bench sandbox_cat_indices`.

use std::time::{Duration, Instant};

use es_sandbox::{RunningSandbox, SandboxConfig, SeedSpec, seed};

/// How big a run is: the real benchmark under `cargo bench`, a smoke run under `cargo test
/// --all-targets` (which runs bench binaries without `--bench`), so CI proves it still works
/// without spending a minute on it.
struct Scale {
    families: u32,
    days_per_family: u32,
    runs: u32,
}

fn main() -> anyhow::Result<()> {
    let scale = if std::env::args().any(|a| a == "--bench") {
        Scale { families: 100, days_per_family: 1_000, runs: 5 }
    } else {
        Scale { families: 2, days_per_family: 50, runs: 1 }
    };
    let Scale { families, days_per_family, runs } = scale;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        let sandbox = RunningSandbox::start(SandboxConfig { start_millis: Some(1_710_505_800_000), ..Default::default() }).await?;
        let started = Instant::now();
        {
            let cluster = sandbox.cluster();
            let mut cluster = cluster.write().map_err(|_| anyhow::anyhow!("cluster lock poisoned"))?;
            // 100k daily indices of a few GB each want a big disk, or the flood stage would block them.
            cluster.disk_total_bytes = 1 << 50;
            for family in 0..families {
                let spec = SeedSpec { family: format!("svc-{family:03}-logs"), days: days_per_family, seed: u64::from(family), ..SeedSpec::default() };
                seed::seed(&mut cluster, &spec).map_err(|e| anyhow::anyhow!("seeding: {e}"))?;
            }
            println!("seeded {} indices in {:.2?}", cluster.indices.len(), started.elapsed());
            let req = es_sandbox::http::SandboxRequest::from_uri(
                es_sandbox::http::Method::Get,
                "/_cat/indices?format=json&bytes=b",
                Default::default(),
                Vec::new(),
            );
            let t = Instant::now();
            let response = es_sandbox::cat::indices(&cluster, &req).map_err(|e| anyhow::anyhow!("{e}"))?;
            let handler = t.elapsed();
            let bytes = match &response.body {
                es_sandbox::http::ResponseBody::JsonText(text) => text.len(),
                _ => 0,
            };
            println!("handler alone: {handler:.1?} ({bytes} bytes of JSON)");
        }
        let client = reqwest::Client::new();
        let url = format!("{}/_cat/indices?format=json&bytes=b", sandbox.url());
        let mut timings: Vec<Duration> = Vec::new();
        let mut rows = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let body = client.get(&url).send().await?.error_for_status()?.bytes().await?;
            timings.push(t.elapsed());
            rows = serde_json::from_slice::<Vec<serde_json::Value>>(&body)?.len();
        }
        timings.sort();
        println!(
            "GET /_cat/indices?format=json&bytes=b over {rows} indices: median {:.1?}, best {:.1?}, worst {:.1?} ({runs} runs)",
            timings[timings.len() / 2],
            timings[0],
            timings[timings.len() - 1]
        );
        sandbox.shutdown().await
    })
}
