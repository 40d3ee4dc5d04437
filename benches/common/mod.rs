//! Shared by the scale benchmarks: a sandbox holding a given number of daily indices.

use es_sandbox::{RunningSandbox, SandboxConfig, SeedSpec, seed};

/// Starts a sandbox whose clock reads `now_millis` and seeds `size` unreplicated daily indices,
/// in families of `days_per_family` days (`svc-0000-logs-YYYY.MM.DD`, …).
pub async fn seeded_sandbox(size: u32, days_per_family: u32, now_millis: i64) -> anyhow::Result<RunningSandbox> {
    let sandbox = RunningSandbox::start(SandboxConfig { start_millis: Some(now_millis), ..Default::default() }).await?;
    {
        let cluster = sandbox.cluster();
        let mut cluster = cluster.write().map_err(|_| anyhow::anyhow!("cluster lock poisoned"))?;
        let days = days_per_family.min(size);
        for family in 0..size / days {
            let spec = SeedSpec {
                family: format!("svc-{family:04}-logs"),
                days,
                replicas: Some(0),
                seed: u64::from(family),
                ..SeedSpec::default()
            };
            seed::seed(&mut cluster, &spec).map_err(|e| anyhow::anyhow!("seeding: {e}"))?;
        }
    }
    Ok(sandbox)
}
