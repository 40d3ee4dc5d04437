//! Scale benchmark of the sandbox as a cluster, through its HTTP server: seeding 100,000 daily
//! indices through `POST /_sandbox/seed`, alias lookups by name and `esops apply` of 300 declared
//! resources on that cluster; `GET /_ilm/policy` with 1,000 policies and 1,000 templates; bulk
//! indexing through the python-logs pipeline (`policies/`), over HTTP and, to tell the pipeline's
//! share from the rest of indexing, in process with and without the pipeline.
//! `cargo bench --bench sandbox_scale` runs it; without `--bench` (as `cargo test --all-targets`
//! runs it) it does a smoke run. Naming parts runs only those: `cargo bench --bench sandbox_scale
//! -- cluster policies ingest`.

/// The allocator of the `esops` binary (src/main.rs), whose sandbox this measures.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod in_process;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use es_sandbox::{RunningSandbox, SandboxConfig};
use serde_json::{Value, json};

/// 2024-03-15T12:30:00Z
const NOW_MILLIS: i64 = 1_710_505_800_000;

/// How big a run is.
struct Scale {
    /// Seeded families of `days` daily indices each.
    families: u32,
    days: u32,
    /// Declared resources `esops apply` writes (a quarter of each kind).
    resources: u32,
    /// ILM policies and index templates (one per policy) behind `GET /_ilm/policy`.
    policies: u32,
    /// Documents bulk-indexed through the pipeline, in requests of `bulk_size`.
    docs: u32,
    bulk_size: u32,
    /// Repetitions of the quick requests; the median is reported.
    runs: usize,
}

fn median(mut timings: Vec<Duration>) -> Duration {
    timings.sort();
    timings[timings.len() / 2]
}

fn main() -> anyhow::Result<()> {
    // As the `esops` binary (src/main.rs): no transparent huge pages, for this process and the
    // children it starts.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let runs = |part: &str| args.is_empty() || args.iter().any(|a| a == part);
    let scale = if std::env::args().any(|a| a == "--bench") {
        Scale { families: 1_000, days: 100, resources: 300, policies: 1_000, docs: 50_000, bulk_size: 1_000, runs: 21 }
    } else {
        Scale { families: 2, days: 50, resources: 8, policies: 10, docs: 200, bulk_size: 100, runs: 3 }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        let http = reqwest::Client::new();
        if runs("cluster") {
            large_cluster(&http, &scale).await?;
        }
        if runs("policies") {
            policies_and_templates(&http, &scale).await?;
        }
        if runs("ingest") {
            bulk_through_pipeline(&http, &scale).await?;
        }
        Ok(())
    })
}

async fn start() -> anyhow::Result<RunningSandbox> {
    RunningSandbox::start(SandboxConfig { start_millis: Some(NOW_MILLIS), ..Default::default() }).await
}

async fn send(request: reqwest::RequestBuilder) -> anyhow::Result<Value> {
    let response = request.send().await?;
    let status = response.status();
    let text = response.text().await?;
    anyhow::ensure!(status.is_success(), "{status}: {text}");
    Ok(if text.is_empty() { Value::Null } else { serde_json::from_str(&text)? })
}

/// Seeding, alias lookups and `esops apply` on a cluster of `families × days` indices.
async fn large_cluster(http: &reqwest::Client, scale: &Scale) -> anyhow::Result<()> {
    let sandbox = start().await?;
    let url = sandbox.url().to_string();
    // Daily indices of a few GB each want a big disk, or the flood stage would block them.
    send(http.post(format!("{url}/_sandbox/disk?total=1024tb"))).await?;
    let started = Instant::now();
    for family in 0..scale.families {
        let spec =
            json!({"family": format!("svc-{family:04}-logs"), "days": scale.days, "replicas": 0, "seed": family});
        send(http.post(format!("{url}/_sandbox/seed")).json(&spec)).await?;
    }
    let seeded = started.elapsed();
    let indices = send(http.get(format!("{url}/_cat/indices?format=json&h=index"))).await?;
    let indices = indices.as_array().map_or(0, Vec::len);
    println!(
        "seeding {indices} indices through {} calls of POST /_sandbox/seed: {:.2} s",
        scale.families,
        seeded.as_secs_f64()
    );

    send(http.put(format!("{url}/svc-0000-logs-2024.03.15/_alias/bench-alias"))).await?;
    for (method, path) in
        [("HEAD", "/_alias/bench-alias"), ("GET", "/_alias/bench-alias"), ("HEAD", "/_alias/no-such-alias")]
    {
        let mut timings = Vec::new();
        for _ in 0..scale.runs {
            let request = match method {
                "HEAD" => http.head(format!("{url}{path}")),
                _ => http.get(format!("{url}{path}")),
            };
            let t = Instant::now();
            request.send().await?.bytes().await?;
            timings.push(t.elapsed());
        }
        println!("{method} {path} at {indices} indices: median {:.2?}", median(timings));
    }

    let tree = tempfile::tempdir()?;
    write_declared_tree(tree.path(), scale.resources)?;
    let t = Instant::now();
    let apply = Command::new(env!("CARGO_BIN_EXE_esops"))
        .args(["apply", "--yes", "-q", "--url", &url])
        .arg(tree.path())
        .output()?;
    let applied = t.elapsed();
    anyhow::ensure!(apply.status.success(), "apply failed: {}", String::from_utf8_lossy(&apply.stderr));
    println!(
        "esops apply of {} declared resources at {indices} indices: {:.2} s",
        scale.resources,
        applied.as_secs_f64()
    );
    sandbox.shutdown().await
}

/// `resources` declared resources, a quarter of each kind: policies, component templates, index
/// templates composed of them and using the policies, pipelines.
fn write_declared_tree(dir: &Path, resources: u32) -> anyhow::Result<()> {
    let mut yaml = String::new();
    for i in 0..resources / 4 {
        yaml.push_str(&format!(
            "kind: ilm_policy\nname: bench-{i:03}\nphases:\n  hot: 7d\n  warm: 30d\n  delete: true\n---\n\
             kind: component_template\nname: bench-{i:03}-settings\ntemplate:\n  settings:\n    number_of_shards: 1\n    index.lifecycle.name: bench-{i:03}\n---\n\
             kind: ingest_pipeline\nname: bench-{i:03}\nprocessors:\n  - set: {{field: service, value: bench-{i:03}}}\n---\n\
             kind: index_template\nname: bench-{i:03}\nindex_patterns: [\"bench-{i:03}-*\"]\npriority: 100\ncomposed_of: [bench-{i:03}-settings]\n\
             template:\n  settings:\n    index.default_pipeline: bench-{i:03}\n---\n"
        ));
    }
    std::fs::write(dir.join("bench.yaml"), yaml)?;
    Ok(())
}

/// `GET /_ilm/policy` on a cluster of `policies` policies and as many templates using them.
async fn policies_and_templates(http: &reqwest::Client, scale: &Scale) -> anyhow::Result<()> {
    let sandbox = start().await?;
    let url = sandbox.url();
    for i in 0..scale.policies {
        let policy = json!({"policy": {"phases": {"hot": {"actions": {}}, "delete": {"min_age": "30d", "actions": {"delete": {}}}}}});
        send(http.put(format!("{url}/_ilm/policy/policy-{i:04}")).json(&policy)).await?;
        let template = json!({"index_patterns": [format!("logs-{i:04}-*")], "priority": i,
            "template": {"settings": {"index.lifecycle.name": format!("policy-{i:04}")}}});
        send(http.put(format!("{url}/_index_template/template-{i:04}")).json(&template)).await?;
    }
    let mut timings = Vec::new();
    for _ in 0..scale.runs {
        let t = Instant::now();
        let body = send(http.get(format!("{url}/_ilm/policy"))).await?;
        timings.push(t.elapsed());
        let used = &body["policy-0000"]["in_use_by"]["composable_templates"];
        anyhow::ensure!(used == &json!(["template-0000"]), "in_use_by: {used}");
    }
    println!(
        "GET /_ilm/policy with {} policies and {} templates: median {:.1?}",
        scale.policies,
        scale.policies,
        median(timings)
    );
    sandbox.shutdown().await
}

/// Bulk indexing of the sample log records through the `policies/` stack (`esops apply`).
async fn bulk_through_pipeline(http: &reqwest::Client, scale: &Scale) -> anyhow::Result<()> {
    let sandbox = start().await?;
    let url = sandbox.url();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let apply = Command::new(env!("CARGO_BIN_EXE_esops"))
        .args(["apply", "--yes", "-q", "--url", url])
        .arg(root.join("policies"))
        .output()?;
    anyhow::ensure!(apply.status.success(), "applying policies/ failed: {}", String::from_utf8_lossy(&apply.stderr));
    // The corpus's documents as Filebeat ships them (policies/tests/python-logs/*.input.ndjson).
    let mut records = Vec::new();
    for entry in std::fs::read_dir(root.join("policies/tests/python-logs"))? {
        let path = entry?.path();
        if path.to_string_lossy().ends_with(".input.ndjson") {
            records.extend(std::fs::read_to_string(&path)?.lines().map(str::to_string));
        }
    }
    anyhow::ensure!(!records.is_empty(), "no sample records");
    let mut bodies = Vec::new();
    let mut next = records.iter().cycle();
    for _ in 0..scale.docs / scale.bulk_size {
        let mut body = String::new();
        for _ in 0..scale.bulk_size {
            body.push_str("{\"create\":{\"_index\":\"python-logs-2024.03.15\"}}\n");
            body.push_str(next.next().map_or("{}", String::as_str));
            body.push('\n');
        }
        bodies.push(body);
    }
    // A `Bytes` clone shares the buffer: the client does not copy its bodies while timed.
    let payloads: Vec<bytes::Bytes> = bodies.iter().map(|b| bytes::Bytes::from(b.clone())).collect();
    let t = Instant::now();
    for body in &payloads {
        let answer =
            send(http.post(format!("{url}/_bulk")).header("content-type", "application/x-ndjson").body(body.clone()))
                .await?;
        anyhow::ensure!(answer["errors"] == json!(false), "bulk errors: {}", answer["items"][0]);
    }
    let elapsed = t.elapsed();
    let indexed = send(http.get(format!("{url}/python-logs-2024.03.15/_count"))).await?;
    let docs = indexed["count"].as_u64().unwrap_or(0);
    anyhow::ensure!(docs == u64::from(scale.docs / scale.bulk_size * scale.bulk_size), "{docs} documents indexed");
    println!(
        "bulk through the python-logs pipeline: {docs} documents in {:.2} s = {:.0} docs/s",
        elapsed.as_secs_f64(),
        docs as f64 / elapsed.as_secs_f64()
    );
    bulk_in_process(&sandbox, &bodies)?;
    sandbox.shutdown().await
}

/// The same bulk requests handled in process, without HTTP: through the pipeline into another
/// index, then the documents the pipeline made indexed again with `pipeline=_none`, so that the
/// difference is what the pipeline costs per document.
fn bulk_in_process(sandbox: &RunningSandbox, bodies: &[String]) -> anyhow::Result<()> {
    let cluster = sandbox.cluster();
    let mut cluster = cluster.write().map_err(|_| anyhow::anyhow!("cluster lock poisoned"))?;
    let retarget = |body: &str, index: &str| body.replace("python-logs-2024.03.15", index);
    let t = Instant::now();
    for body in bodies {
        in_process::bulk(&mut cluster, "/_bulk", retarget(body, "python-logs-2024.03.14"))?;
    }
    let piped = t.elapsed();
    let processed: Vec<String> =
        cluster.indices["python-logs-2024.03.14"].docs.values().map(|d| d.source().to_string()).collect();
    let docs = processed.len();
    let per_body = docs.div_ceil(bodies.len().max(1)).max(1);
    let plain_bodies: Vec<String> = processed
        .chunks(per_body)
        .map(|chunk| {
            chunk.iter().map(|d| format!("{{\"create\":{{\"_index\":\"python-logs-2024.03.13\"}}}}\n{d}\n")).collect()
        })
        .collect();
    let t = Instant::now();
    for body in plain_bodies {
        in_process::bulk(&mut cluster, "/_bulk?pipeline=_none", body)?;
    }
    let plain = t.elapsed();
    let micros = |d: Duration| d.as_secs_f64() * 1e6 / docs as f64;
    println!(
        "in process, {docs} documents: {:.1} µs each through the pipeline ({:.0} docs/s), {:.1} µs each without (the pipeline: {:.1} µs)",
        micros(piped),
        docs as f64 / piped.as_secs_f64(),
        micros(plain),
        micros(piped) - micros(plain)
    );
    Ok(())
}
