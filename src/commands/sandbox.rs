//! `esops sandbox`: serve the emulated cluster until Ctrl-C.

use anyhow::Context as _;

use crate::cli::{SandboxArgs, TargetArg};
use es_sandbox::opensearch::OpenSearchVersion;
use es_sandbox::tls::ClientAuthentication;
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
    let (es_version, opensearch) = match args.distribution {
        TargetArg::Elasticsearch => {
            let version = args.version.as_deref().map_or(Ok(EsVersion::DEFAULT), EsVersion::parse);
            (version.map_err(anyhow::Error::msg).context("--version")?, None)
        }
        TargetArg::Opensearch => {
            let version = args.version.as_deref().map_or(Ok(OpenSearchVersion::DEFAULT), OpenSearchVersion::parse);
            (EsVersion::DEFAULT, Some(version.map_err(anyhow::Error::msg).context("--version")?))
        }
    };
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
    let required_headers = args
        .require_header
        .iter()
        .map(|h| match h.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_string(), value.trim().to_string())),
            _ => Err(anyhow::anyhow!("--require-header takes `Name: value`")),
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let aws_sigv4 = match &args.require_sigv4 {
        None => None,
        Some(spec) => {
            let (service, region) =
                spec.split_once('/').filter(|(s, r)| matches!(*s, "es" | "aoss") && !r.is_empty()).ok_or_else(
                    || anyhow::anyhow!("--require-sigv4 takes SERVICE/REGION, e.g. es/eu-west-1 or aoss/us-east-1"),
                )?;
            let keys = args
                .sigv4_key
                .iter()
                .map(|k| match k.split_once(':') {
                    Some((id, secret)) => Ok(es_sandbox::sigv4::AwsKey {
                        access_key_id: id.to_string(),
                        secret_access_key: secret.to_string(),
                        session_token: None,
                        expired: false,
                    }),
                    None => Err(anyhow::anyhow!("--sigv4-key takes ACCESS_KEY_ID:SECRET")),
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            Some(es_sandbox::sigv4::AwsSigV4 { region: region.to_string(), service: service.to_string(), keys })
        }
    };
    // A state file that exists holds the whole cluster: it is loaded as it was, not seeded again.
    let loaded_from = args.state.as_ref().filter(|path| path.exists());
    let security = describe_security(&users, &api_keys);
    let config = SandboxConfig {
        aws_sigv4,
        listen: args.listen,
        es_version,
        opensearch,
        tls: args.tls,
        ca_cert_out: args.ca_cert_out.clone(),
        client_auth: if args.require_client_cert { ClientAuthentication::Required } else { ClientAuthentication::None },
        required_headers,
        users,
        api_keys,
        state_file: args.state.clone(),
        seed,
        nodes: args.nodes,
        path_repo: args.path_repo.clone(),
        frozen_clock: args.frozen_clock,
        start_millis: args.now.map(|now| now.timestamp_millis()),
        node_settings: args.node_settings.clone(),
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
        let (product, nodes) = {
            let cluster = running.cluster();
            let cluster = cluster.read().unwrap_or_else(|poisoned| poisoned.into_inner());
            let product = match &cluster.opensearch {
                Some(os) => format!("OpenSearch {}", os.version),
                None => format!("Elasticsearch {}", cluster.version),
            };
            (product, cluster.nodes)
        };
        let nodes = if nodes > 1 { format!(", {nodes} nodes") } else { String::new() };
        printer.status(&format!("esops sandbox ({product}{nodes}) listening on {}", running.url()));
        if let Some(path) = &args.ca_cert_out {
            printer.status(&format!("CA certificate written to {} (use --ca-cert {})", path.display(), path.display()));
        }
        if let Some((service, region)) = args.require_sigv4.as_deref().and_then(|s| s.split_once('/')) {
            printer.status(&format!(
                "checking AWS SigV4 signatures for service {service} in {region} ({} key(s))",
                args.sigv4_key.len()
            ));
        }
        if let Some(fingerprint) = running.ca_fingerprint() {
            // Elasticsearch's own first-start line, so that --ca-fingerprint can be tried as with a real cluster.
            printer.status(&format!("HTTP CA certificate SHA-256 fingerprint: {fingerprint}"));
        }
        if let (Some(pair), Some(cert_path)) = (running.client_pair(), &args.client_cert_out) {
            match write_client_pair(pair, cert_path, args.client_key_out.as_deref()) {
                Ok(()) => printer
                    .status(&format!("client certificate written to {} (use --client-cert)", cert_path.display())),
                Err(e) => printer.warn(&format!("{e:#}")),
            }
        }
        printer.status(&security);
        let cluster = running.cluster();
        let cluster = cluster.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        match (&args.state, loaded_from) {
            (Some(path), Some(_)) => printer.status(&format!(
                "state loaded from {}: {}; saved there on exit",
                path.display(),
                describe_contents(&cluster)
            )),
            (Some(path), None) => {
                printer.status(&format!("state: {} does not exist yet; the cluster is saved there on exit", path.display()))
            }
            (None, _) => {}
        }
        if let (Some(path), Some(family)) = (loaded_from, &args.seed) {
            printer.warn(&format!(
                "--seed {family} ignored: {} already holds a cluster, which is loaded as it was (delete it to seed afresh)",
                path.display()
            ));
        }
        if let (Some(path), Some(now)) = (loaded_from, args.now) {
            printer.warn(&format!(
                "--now {} ignored: {} holds a cluster whose clock goes on where it was",
                now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                path.display()
            ));
        }
        if let (Some(family), None) = (&args.seed, loaded_from) {
            printer.status(&describe_seed(&cluster, family));
        }
        printer.status("press Ctrl-C to stop");
    })
    .await?;
    if let Some(path) = &args.state {
        printer.status(&format!("state saved to {}", path.display()));
    }
    Ok(ExitStatus::Success)
}

/// Writes the sandbox's client certificate, and its key (only the owner may read it).
fn write_client_pair(
    pair: &es_sandbox::tls::ClientPair,
    cert_path: &std::path::Path,
    key_path: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    std::fs::write(cert_path, &pair.cert_pem)
        .with_context(|| format!("writing the client certificate to {}", cert_path.display()))?;
    if let Some(key_path) = key_path {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        std::io::Write::write_all(&mut options.open(key_path)?, pair.key_pem.as_bytes())
            .with_context(|| format!("writing the client key to {}", key_path.display()))?;
    }
    Ok(())
}

/// `security on: …` or `security off: …`, with who may connect.
fn describe_security(users: &[(String, String)], api_keys: &[(String, String)]) -> String {
    if users.is_empty() && api_keys.is_empty() {
        return "security off: no credentials needed (as with xpack.security.enabled: false)".to_owned();
    }
    let mut who: Vec<String> = users.iter().map(|(name, _)| format!("user {name} (basic)")).collect();
    who.extend(api_keys.iter().map(|(id, _)| format!("API key {id}")));
    format!("security on: {}; requests without them get 401", who.join(", "))
}

/// `12 indices, 1 data stream, 2 ILM policies` (user-visible ones: names not starting with `.`).
fn describe_contents(cluster: &es_sandbox::Cluster) -> String {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let indices = cluster.indices.keys().filter(|name| !name.starts_with('.')).count();
    let policies = match &cluster.opensearch {
        Some(os) => count(os.ism.policies.len(), "ISM policy", "ISM policies"),
        None => count(
            cluster.ilm_policies.keys().filter(|name| !name.starts_with('.')).count(),
            "ILM policy",
            "ILM policies",
        ),
    };
    format!(
        "{}, {}, {policies}",
        count(indices, "index", "indices"),
        count(cluster.data_streams.len(), "data stream", "data streams"),
    )
}

/// What `--seed FAMILY` created: the family's daily indices (first and last), its policy, the rest.
fn describe_seed(cluster: &es_sandbox::Cluster, family: &str) -> String {
    let prefix = format!("{family}-");
    let daily: Vec<&String> = cluster.indices.keys().filter(|name| name.starts_with(&prefix)).collect();
    let span = match (daily.first(), daily.last()) {
        (Some(first), Some(last)) if first != last => format!(" ({first} … {last})"),
        (Some(only), _) => format!(" ({only})"),
        _ => String::new(),
    };
    let ism = cluster.opensearch.as_ref().is_some_and(|os| os.ism.policies.contains_key(family));
    let policy = match (cluster.ilm_policies.contains_key(family), ism) {
        (true, _) => format!(" under ILM policy {family}"),
        (_, true) => format!(" under ISM policy {family}"),
        _ => String::new(),
    };
    format!("seeded {} daily indices{span}{policy}; in all {}", daily.len(), describe_contents(cluster))
}
