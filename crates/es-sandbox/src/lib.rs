//! The sandbox: an in-memory emulation of the slice of the Elasticsearch REST API that esops uses,
//! served over HTTP(S) on loopback.
//!
//! Tests start one on a random port; users get it as `esops sandbox` and `--sandbox`.
//! Where it differs from Elasticsearch, our tests lie: its behaviour follows Elasticsearch's
//! source and documentation, measured by Elasticsearch's own YAML REST tests (`tests/conformance.rs`).
//! Everything that is not Elasticsearch (clock, faults, seeding, request counts) lives under
//! `/_sandbox`.

// `EsError` carries ES's whole error object (metadata, cause chain, headers) and is the answer to
// every refused request; boxing it would only move the allocation and clutter every signature.
#![allow(clippy::result_large_err)]

pub mod aliases;
pub mod auth;
pub mod cat;
pub mod clock;
pub mod cluster_api;
pub mod control;
pub mod data_stream_lifecycle;
pub mod data_streams;
pub mod datemath;
pub mod disk;
pub mod documents;
pub mod error;
pub mod expression;
pub mod failure_store;
pub mod faults;
pub mod fetch;
pub mod filter_path;
pub mod http;
pub mod ilm;
pub mod indices;
pub mod ingest;
pub mod mapping;
pub mod media_type;
pub mod nodes;
pub mod opensearch;
pub mod params;
pub mod rollover;
pub mod router;
pub mod routing;
pub mod seed;
pub mod segments;
pub mod server;
pub mod settings;
pub mod sigv4;
pub mod slm;
pub mod snapshots;
pub mod state;
pub mod templates;
pub mod tls;
pub mod units;
pub mod version;
pub mod xcontent;
pub mod xpack;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use clock::Clock;
pub use error::{EsError, EsResult};
pub use seed::SeedSpec;
pub use state::Cluster;
pub use version::EsVersion;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

use server::{Shared, read};

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Address to listen on; `127.0.0.1:0` picks a free port.
    pub listen: SocketAddr,
    /// The Elasticsearch version to emulate.
    pub es_version: EsVersion,
    /// Answer as this OpenSearch release instead of Elasticsearch (`es_version` is then ignored:
    /// the shared APIs follow [`opensearch::OpenSearch::ES_BEHAVIOUR`]).
    pub opensearch: Option<opensearch::OpenSearchVersion>,
    /// Serve HTTPS with a freshly generated CA.
    pub tls: bool,
    /// Where to write the CA certificate (PEM), when TLS is on.
    pub ca_cert_out: Option<PathBuf>,
    /// With `tls`: whether a client certificate is required (mutual TLS).
    pub client_auth: tls::ClientAuthentication,
    /// Headers every Elasticsearch request must carry with exactly this value, as a gateway in
    /// front of the cluster checks them (`/_sandbox` is exempt). A request without them is answered
    /// 403 by the "gateway", before Elasticsearch sees it.
    pub required_headers: Vec<(String, String)>,
    /// Check AWS SigV4 signatures as Amazon OpenSearch Service does in front of a domain with an
    /// IAM access policy (Elasticsearch's own users and API keys are then not consulted).
    pub aws_sigv4: Option<sigv4::AwsSigV4>,
    /// Users as `(name, password)`; a password ending in `:readonly` makes a read-only user.
    /// Configuring any user or API key turns authentication on.
    pub users: Vec<(String, String)>,
    /// API keys as `(id, key)`, sent as `Authorization: ApiKey base64(id:key)`.
    pub api_keys: Vec<(String, String)>,
    /// Cluster state loaded at start (if the file exists) and saved at shutdown.
    pub state_file: Option<PathBuf>,
    /// Demo data to create at start (ignored when a state file was loaded).
    pub seed: Option<SeedSpec>,
    /// Virtual clock start, epoch millis; default: the real time at start.
    pub start_millis: Option<i64>,
    /// Freeze the virtual clock: it moves only on `/_sandbox/clock/_advance` and `_set` (for
    /// deterministic tests); by default it follows the wall clock from its start.
    pub frozen_clock: bool,
    /// Data nodes (replicas are assigned to other nodes than their primary); default: 1, or what
    /// the state file holds.
    pub nodes: Option<u64>,
    /// The node setting `path.repo`: directories `fs` snapshot repositories may use (relative
    /// locations resolve against the first). Empty, as on a node without it, refuses every
    /// `fs` repository. Snapshots are kept in memory; nothing is written there.
    pub path_repo: Vec<PathBuf>,
    /// Node settings, as `elasticsearch.yml` would hold them (`action.destructive_requires_name`,
    /// `node.attr.NAME`): cluster settings fall back to them, `include_defaults` shows them.
    pub node_settings: Vec<(String, String)>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            es_version: EsVersion::DEFAULT,
            opensearch: None,
            tls: false,
            ca_cert_out: None,
            client_auth: tls::ClientAuthentication::None,
            required_headers: Vec::new(),
            aws_sigv4: None,
            users: Vec::new(),
            api_keys: Vec::new(),
            state_file: None,
            seed: None,
            start_millis: None,
            frozen_clock: false,
            nodes: None,
            path_repo: Vec::new(),
            node_settings: Vec::new(),
        }
    }
}

/// A sandbox serving inside the caller's tokio runtime.
pub struct RunningSandbox {
    url: String,
    ca_pem: Option<String>,
    ca_fingerprint: Option<String>,
    client: Option<tls::ClientPair>,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    state_file: Option<PathBuf>,
}

impl RunningSandbox {
    /// Builds the cluster (from the state file, or fresh and maybe seeded), binds and starts serving.
    pub async fn start(cfg: SandboxConfig) -> anyhow::Result<Self> {
        let mut cluster = initial_cluster(&cfg)?;
        cluster.node_settings =
            cfg.node_settings.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
        let realm = auth::Realm::new(&cfg.users, &cfg.api_keys);
        cluster.security_enabled = !realm.is_open();
        let listener =
            TcpListener::bind(cfg.listen).await.with_context(|| format!("binding the sandbox to {}", cfg.listen))?;
        let port = listener.local_addr().context("reading the sandbox's bound address")?.port();
        if cfg.client_auth != tls::ClientAuthentication::None && !cfg.tls {
            anyhow::bail!("client certificates need TLS: turn on tls (esops sandbox --tls)");
        }
        let generated = if cfg.tls { Some(tls::generate(cfg.client_auth)?) } else { None };
        if let (Some(generated), Some(path)) = (&generated, &cfg.ca_cert_out) {
            std::fs::write(path, &generated.ca_pem)
                .with_context(|| format!("writing the sandbox CA to {}", path.display()))?;
        }
        let (tls, ca_pem, ca_fingerprint, client) = match generated {
            Some(g) => (Some(g.acceptor), Some(g.ca_pem), Some(g.ca_fingerprint), Some(g.client)),
            None => (None, None, None, None),
        };
        let scheme = if cfg.tls { "https" } else { "http" };
        let host = if cfg.listen.ip().is_unspecified() { "127.0.0.1".to_string() } else { cfg.listen.ip().to_string() };
        let host = if cfg.listen.is_ipv6() && !cfg.listen.ip().is_unspecified() { format!("[{host}]") } else { host };
        let shared = Arc::new(Shared {
            cluster: Arc::new(RwLock::new(cluster)),
            faults: Mutex::new(faults::FaultBook::default()),
            requests: Mutex::new(faults::RequestLog::default()),
            realm,
            required_headers: cfg.required_headers.clone(),
            aws_sigv4: cfg.aws_sigv4.clone(),
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(server::accept_loop(listener, tls, shared.clone(), stopped));
        Ok(RunningSandbox {
            url: format!("{scheme}://{host}:{port}"),
            ca_pem,
            ca_fingerprint,
            client,
            shared,
            stop: Some(stop),
            task,
            state_file: cfg.state_file,
        })
    }

    /// Base URL, `http(s)://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The CA certificate (PEM) when serving TLS.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The SHA-256 fingerprint of the CA certificate when serving TLS, as Elasticsearch prints it.
    pub fn ca_fingerprint(&self) -> Option<&str> {
        self.ca_fingerprint.as_deref()
    }

    /// A client certificate and key signed by the sandbox CA when serving TLS (accepted when
    /// client certificates are required).
    pub fn client_pair(&self) -> Option<&tls::ClientPair> {
        self.client.as_ref()
    }

    /// Direct access to the cluster state (for tests and seeding).
    pub fn cluster(&self) -> Arc<RwLock<Cluster>> {
        self.shared.cluster.clone()
    }

    /// Stops serving and saves the state file, if one is configured.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
        if let Some(path) = &self.state_file {
            let json = serde_json::to_vec(&*read(&self.shared.cluster)).context("serializing the sandbox state")?;
            write_private(path, &json).with_context(|| format!("saving the sandbox state to {}", path.display()))?;
        }
        Ok(())
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        // Dropped without `shutdown()` (a failing test): stop accepting, but do not write state.
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Writes `bytes` readable by the owner only (0600 on Unix): the state holds every document.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    options.open(path)?.write_all(bytes)
}

fn initial_cluster(cfg: &SandboxConfig) -> anyhow::Result<Cluster> {
    if cfg.nodes == Some(0) {
        anyhow::bail!("a sandbox needs at least one node");
    }
    if let Some(path) = &cfg.state_file
        && path.exists()
    {
        let bytes = std::fs::read(path).with_context(|| format!("reading the sandbox state {}", path.display()))?;
        let mut cluster: Cluster =
            serde_json::from_slice(&bytes).with_context(|| format!("parsing the sandbox state {}", path.display()))?;
        cluster.path_repo = path_repo_setting(cfg);
        // The saved clock goes on where it was (ahead of the wall clock by what was advanced), or
        // freezes at its reading when asked to.
        let reading = cluster.now_millis();
        if cfg.frozen_clock {
            cluster.clock = Clock::frozen(reading);
        } else if cluster.clock.is_frozen() {
            cluster.clock = Clock::following_wall(reading);
        }
        if let Some(nodes) = cfg.nodes {
            cluster.nodes = nodes;
            disk::apply_watermarks(&mut cluster).map_err(|e| anyhow::anyhow!("checking the disk watermarks: {e}"))?;
        }
        return Ok(cluster);
    }
    let now = cfg.start_millis.unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
    let mut cluster = match cfg.opensearch {
        Some(version) => {
            let mut cluster = Cluster::new(opensearch::OpenSearch::ES_BEHAVIOUR, now);
            cluster.opensearch = Some(opensearch::OpenSearch::new(version, now));
            cluster
        }
        None => Cluster::new(cfg.es_version, now),
    };
    if !cfg.frozen_clock {
        cluster.clock = Clock::following_wall(now);
    }
    cluster.nodes = cfg.nodes.unwrap_or(1);
    cluster.path_repo = path_repo_setting(cfg);
    if let Some(spec) = &cfg.seed {
        seed::seed(&mut cluster, spec).map_err(|e| anyhow::anyhow!("seeding the sandbox: {e}"))?;
    }
    Ok(cluster)
}

/// `path.repo` as the cluster keeps it: absolute paths, as text.
fn path_repo_setting(cfg: &SandboxConfig) -> Vec<String> {
    cfg.path_repo
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()).to_string_lossy().into_owned())
        .collect()
}

/// A sandbox on its own thread and tokio runtime, for synchronous tests. Dropping it shuts it down.
pub struct BackgroundSandbox {
    url: String,
    ca_pem: Option<String>,
    ca_fingerprint: Option<String>,
    client: Option<tls::ClientPair>,
    cluster: Arc<RwLock<Cluster>>,
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<anyhow::Result<()>>>,
}

impl BackgroundSandbox {
    /// Starts the sandbox and waits until it accepts connections.
    pub fn start(cfg: SandboxConfig) -> anyhow::Result<Self> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("esops-sandbox".to_string())
            .spawn(move || -> anyhow::Result<()> {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .context("building the sandbox runtime")?;
                runtime.block_on(async move {
                    let sandbox = match RunningSandbox::start(cfg).await {
                        Ok(s) => s,
                        Err(e) => {
                            let message = format!("{e:#}");
                            let _ = ready_tx.send(Err(e));
                            anyhow::bail!(message);
                        }
                    };
                    let _ = ready_tx.send(Ok(Ready {
                        url: sandbox.url.clone(),
                        ca_pem: sandbox.ca_pem.clone(),
                        ca_fingerprint: sandbox.ca_fingerprint.clone(),
                        client: sandbox.client.clone(),
                        cluster: sandbox.cluster(),
                    }));
                    // Wait for the owner to drop us, without blocking the runtime's workers.
                    let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
                    sandbox.shutdown().await
                })
            })
            .context("spawning the sandbox thread")?;
        let Ready { url, ca_pem, ca_fingerprint, client, cluster } =
            ready_rx.recv().context("the sandbox thread ended before it was ready")??;
        Ok(BackgroundSandbox {
            url,
            ca_pem,
            ca_fingerprint,
            client,
            cluster,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// Base URL.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The CA certificate (PEM) when serving TLS.
    pub fn ca_pem(&self) -> Option<String> {
        self.ca_pem.clone()
    }

    /// The CA certificate's SHA-256 fingerprint when serving TLS (see [`RunningSandbox::ca_fingerprint`]).
    pub fn ca_fingerprint(&self) -> Option<String> {
        self.ca_fingerprint.clone()
    }

    /// A client certificate and key signed by the sandbox CA when serving TLS.
    pub fn client_pair(&self) -> Option<tls::ClientPair> {
        self.client.clone()
    }

    /// Direct access to the cluster state.
    pub fn cluster(&self) -> Arc<RwLock<Cluster>> {
        self.cluster.clone()
    }
}

/// What the sandbox thread hands back once it serves.
struct Ready {
    url: String,
    ca_pem: Option<String>,
    ca_fingerprint: Option<String>,
    client: Option<tls::ClientPair>,
    cluster: Arc<RwLock<Cluster>>,
}

impl Drop for BackgroundSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves until Ctrl-C or SIGTERM, then saves the state file (`esops sandbox`).
pub async fn serve_until_ctrl_c(cfg: SandboxConfig, on_ready: impl FnOnce(&RunningSandbox)) -> anyhow::Result<()> {
    // Listen for the signals before saying we are ready: a Ctrl-C that arrives right after the
    // "listening on" line must stop us cleanly (and save the state), not kill the process.
    let termination = Termination::listen()?;
    let sandbox = RunningSandbox::start(cfg).await?;
    on_ready(&sandbox);
    termination.wait().await;
    sandbox.shutdown().await
}

/// Ctrl-C (SIGINT) or SIGTERM, registered up front.
#[cfg(unix)]
struct Termination {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Termination {
    fn listen() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Termination {
            interrupt: signal(SignalKind::interrupt()).context("listening for Ctrl-C")?,
            terminate: signal(SignalKind::terminate()).context("listening for SIGTERM")?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

/// Ctrl-C, on platforms without Unix signals.
#[cfg(not(unix))]
struct Termination;

#[cfg(not(unix))]
impl Termination {
    fn listen() -> anyhow::Result<Self> {
        Ok(Termination)
    }

    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
