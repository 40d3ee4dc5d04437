//! `esops sandbox`: serve the emulated cluster until Ctrl-C.

use anyhow::Context as _;

use crate::cli::SandboxArgs;
use es_sandbox::{EsVersion, SandboxConfig, SeedSpec};
use esops_core::connect::ConnectionFlags;
use esops_core::exit::ExitStatus;
use esops_core::printer::{Printer, Verbosity};

/// Runs `esops sandbox`.
pub async fn run(args: &SandboxArgs, flags: &ConnectionFlags, printer: &Printer) -> anyhow::Result<ExitStatus> {
    if !args.listen.ip().is_loopback() {
        anyhow::bail!(
            "the sandbox only listens on loopback, not {}: it has no real security; use 127.0.0.1 or [::1]",
            args.listen
        );
    }
    let es_version = EsVersion::parse(&args.es_version).map_err(anyhow::Error::msg).context("--es-version")?;
    let mut users = Vec::new();
    if let Some(user) = &flags.user {
        let (name, pass) = match (user.split_once(':'), &flags.password) {
            (Some((n, p)), None) => (n.to_string(), p.to_string()),
            (None, Some(p)) => (user.clone(), p.expose().to_string()),
            (Some(_), Some(_)) => {
                anyhow::bail!("give the sandbox user as --user NAME:PASS or as --user NAME --password PASS, not both")
            }
            (None, None) => anyhow::bail!("--user {user} needs a password: --user {user}:PASS or --password PASS"),
        };
        users.push((name, pass));
    }
    let mut api_keys = Vec::new();
    if let Some(key) = &flags.api_key {
        let (id, secret) = key
            .expose()
            .split_once(':')
            .ok_or_else(|| anyhow::anyhow!("the sandbox takes its API key as --api-key ID:KEY"))?;
        api_keys.push((id.to_string(), secret.to_string()));
    }
    let seed = args.seed.as_ref().map(|family| SeedSpec {
        family: family.clone(),
        days: args.days,
        policy: Some(family.clone()),
        extras: true,
        ..SeedSpec::default()
    });
    let config = SandboxConfig {
        listen: args.listen,
        es_version,
        tls: args.tls,
        ca_cert_out: args.ca_cert_out.clone(),
        users,
        api_keys,
        state_file: args.state.clone(),
        seed,
        nodes: args.nodes,
        ..SandboxConfig::default()
    };
    if printer.verbosity() >= Verbosity::Verbose {
        // The server reports each request it answers as a tracing event; -v shows them.
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_target(false)
            .with_ansi(printer.stderr_has_color())
            .with_env_filter(tracing_subscriber::EnvFilter::new("esops::sandbox=info"))
            .compact()
            .init();
    }
    es_sandbox::serve_until_ctrl_c(config, |running| {
        // What is served, from the cluster itself: a state file may hold another version or node count.
        let (version, nodes) = {
            let cluster = running.cluster();
            let cluster = cluster.read().unwrap_or_else(|poisoned| poisoned.into_inner());
            (cluster.version, cluster.nodes)
        };
        let nodes = if nodes > 1 { format!(", {nodes} nodes") } else { String::new() };
        printer.status(&format!("esops sandbox (Elasticsearch {version}{nodes}) listening on {}", running.url()));
        if let Some(path) = &args.ca_cert_out {
            printer.status(&format!("CA certificate written to {} (use --ca-cert {})", path.display(), path.display()));
        }
        printer.status("press Ctrl-C to stop");
    })
    .await?;
    Ok(ExitStatus::Success)
}
